/**
 * `npm run compare -- <base.json> <head.json> [options]`: the only part of compare that touches
 * files, stdout and the exit code. See help.ts for the options and exit codes.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolveMetricSpec } from '../metric-catalogue.js';
import type { ResultsDocument } from '../results.js';
import { parseCompareArgs, type CompareCommand } from './cli-args.js';
import { compareResults } from './compare.js';
import { EXIT } from '../../cli/exit-codes.js';
import { decideOutcome } from './exit-code.js';
import { toBencherMetricFormat, toGithubActionBenchmark } from './exports.js';
import { HELP_TEXT } from './help.js';
import { loadResultsDocument } from './load.js';
import { renderMarkdownSummary } from './markdown.js';
import { listMetricNames } from './samples.js';
import { UsageError } from '../../cli/usage-error.js';

/** Where the CLI writes; injected so tests can run it in-process. */
export interface CliIo {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

const processIo: CliIo = {
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** A threshold for a metric no one has heard of is almost always a typo: refuse it. */
function checkThresholdNames(thresholdsPct: Record<string, number>, docs: readonly ResultsDocument[]): void {
  const reported = new Set(docs.flatMap((doc) => doc.cells.flatMap(listMetricNames)));
  for (const name of Object.keys(thresholdsPct)) {
    if (
      resolveMetricSpec(
        name,
        docs.map((doc) => doc.metricSpecs),
      ) === undefined &&
      !reported.has(name)
    ) {
      throw new UsageError(
        `--threshold names an unknown metric ${JSON.stringify(name)}: it has no spec and is not in either results file`,
      );
    }
  }
}

async function writeOutput(path: string, text: string, append = false): Promise<void> {
  try {
    await (append ? appendFile(path, text) : writeFile(path, text));
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function writeOutputs(command: CompareCommand, head: ResultsDocument, summary: string, io: CliIo): Promise<void> {
  if (command.markdownPath !== undefined) await writeOutput(command.markdownPath, summary);
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') await writeOutput(stepSummary, summary, true);
  if (command.bencherPath !== undefined) await writeOutput(command.bencherPath, toJson(toBencherMetricFormat(head)));
  if (command.gabPrefix !== undefined) {
    const exported = toGithubActionBenchmark(head);
    await writeOutput(`${command.gabPrefix}-smaller.json`, toJson(exported.smallerIsBetter));
    await writeOutput(`${command.gabPrefix}-bigger.json`, toJson(exported.biggerIsBetter));
  }
}

async function runCompare(command: CompareCommand, io: CliIo): Promise<number> {
  const [base, head] = await Promise.all([
    loadResultsDocument(command.basePath),
    loadResultsDocument(command.headPath),
  ]);
  checkThresholdNames(command.thresholdsPct, [base, head]);
  const comparison = compareResults(base, head, { thresholdsPct: command.thresholdsPct });
  const outcome = decideOutcome(comparison, { strict: command.strict, gate: command.gate });
  const summary = renderMarkdownSummary(comparison, outcome);
  io.writeStdout(summary);
  await writeOutputs(command, head, summary, io);
  return outcome.exitCode;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCompareCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const command = parseCompareArgs(argv);
    if (command.kind === 'help') {
      io.writeStdout(HELP_TEXT);
      return EXIT.ok;
    }
    return await runCompare(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.writeStderr(`compare: ${error.message}\n`);
      return EXIT.usage;
    }
    io.writeStderr(
      `compare: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  // exitCode rather than process.exit(), so piped stdout is flushed before the process ends.
  process.exitCode = await runCompareCli(process.argv.slice(2));
}
