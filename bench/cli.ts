/**
 * `npm run bench`: resolve the plan, run it cell by cell with progress on stderr, write the results
 * (after every run, so Ctrl-C loses nothing), print the tables, and exit with a code that says what
 * happened. The CLI owns stdout, the exit code and the progress display; measurement never prints.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT } from '../cli/exit-codes.js';
import { UsageError } from '../cli/usage-error.js';
import './all-families.js';
import { resolveBaseBuild, runAb } from './ab-run.js';
import { decideOutcome } from './compare/exit-code.js';
import { renderMarkdownSummary } from './compare/markdown.js';
import { BENCH_HELP, parseCliArgs, type CliOptions } from './cli-args.js';
import { renderConsoleTables } from './console-tables.js';
import { findViolations } from './correctness.js';
import { collectEnvironment } from './env.js';
import { LATEST_LINK, RUNS_DIR, runFolderName } from './paths.js';
import { resolvePlan, type Plan } from './plan.js';
import { REDIS_UNREACHABLE } from './distributed/redis-url.js';
import { createProgressListener } from './progress.js';
import { createResultsDocument, writeResultsFile } from './results-document.js';
import type { ResultsDocument } from './results.js';
import { runPlan } from './run-plan.js';
import { renderTerminalSummary } from '../reports/terminal.js';
import { writeReport } from '../reports/write.js';
import { formatScenarioList } from './scenario-list.js';
import { SCENARIOS } from './scenarios.js';
import { killAllChildren } from './spawn.js';
import { exitWhenDone } from '../cli/exit-when-done.js';

function pointLatestAt(folder: string): void {
  try {
    rmSync(LATEST_LINK, { force: true });
    symlinkSync(path.relative(path.dirname(LATEST_LINK), folder), LATEST_LINK);
  } catch {
    // A missing convenience link is not worth failing a run over (e.g. a filesystem without symlinks).
  }
}

function exitCodeFor(doc: ResultsDocument, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  if (doc.errors.some((e) => e.category === REDIS_UNREACHABLE)) return EXIT.unavailable;
  if (doc.errors.some((e) => e.category.startsWith('timeout:'))) return EXIT.watchdog;
  return findViolations(doc).length > 0 ? EXIT.correctness : EXIT.ok;
}

async function runBench(options: CliOptions, plan: Plan, argv: string[]): Promise<number> {
  const folder = options.out ? path.dirname(path.resolve(options.out)) : path.join(RUNS_DIR, runFolderName(new Date()));
  const resultsFile = options.out ? path.resolve(options.out) : path.join(folder, 'results.json');
  mkdirSync(folder, { recursive: true });
  const doc = createResultsDocument(
    plan,
    collectEnvironment(process.argv),
    argv,
    options.targets ? Object.values(options.targets).join(' ') : undefined,
  );
  const abort = installInterruptHandler();
  for (const warning of plan.warnings) process.stderr.write(`warning: ${warning}\n`);
  const listener =
    options.quiet || options.json ? {} : createProgressListener(process.stderr, process.stderr.isTTY === true);
  await runPlan(plan, doc, listener, abort.signal, () => writeResultsFile(doc, resultsFile));
  doc.complete = !abort.signal.aborted;
  writeResultsFile(doc, resultsFile);
  // The report is rendered from the results file's content alone, as `npm run report` would.
  if (!options.noReport) {
    const report = await writeReport(doc, folder, { includeResults: false });
    for (const note of report.notes) process.stderr.write(`note: ${note}\n`);
  }
  if (!options.out) pointLatestAt(folder);
  const where = options.noReport
    ? `results: ${path.relative(process.cwd(), resultsFile)}`
    : `report: ${path.relative(process.cwd(), path.join(folder, 'REPORT.md'))} (report.html, results.json and charts/ beside it)`;
  if (options.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
  else if (!options.quiet)
    process.stdout.write(`\n${renderConsoleTables(doc)}\n\n${renderTerminalSummary(doc)}\n\n${where}\n`);
  const violations = findViolations(doc);
  for (const v of violations) process.stderr.write(`correctness: ${v.cell} repeat ${v.repeat + 1}: ${v.what}\n`);
  return exitCodeFor(doc, abort.signal.aborted);
}

async function runAbBench(options: CliOptions, plan: Plan, argv: string[], abDir: string): Promise<number> {
  const folder = options.out ? path.resolve(options.out) : path.join(RUNS_DIR, `${runFolderName(new Date())}-ab`);
  mkdirSync(folder, { recursive: true });
  const abort = installInterruptHandler();
  const listener =
    options.quiet || options.json ? {} : createProgressListener(process.stderr, process.stderr.isTTY === true);
  const write = (docs: { base: ResultsDocument; head: ResultsDocument }) => {
    writeResultsFile(docs.base, path.join(folder, 'base.json'));
    writeResultsFile(docs.head, path.join(folder, 'head.json'));
  };
  const outcome = await runAb(plan, abDir, collectEnvironment(process.argv), argv, listener, abort.signal, write);
  write(outcome);
  if (abort.signal.aborted) return EXIT.interrupted;
  const decision = decideOutcome(outcome.comparison, { strict: false });
  const summary = renderMarkdownSummary(outcome.comparison, decision);
  writeFileSync(path.join(folder, 'compare.md'), summary);
  if (!options.quiet)
    process.stdout.write(
      `${summary}\nre-measured: ${outcome.remeasured.join(', ') || 'nothing flagged'}\nresults: ${path.relative(process.cwd(), folder)}\n`,
    );
  return decision.exitCode;
}

/** First Ctrl-C: stop the current run, keep what was measured. Second: leave at once. */
function installInterruptHandler(): AbortController {
  const abort = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write(
      '\ninterrupted: stopping the current run and writing what was measured (Ctrl-C again to quit at once)\n',
    );
    abort.abort();
    killAllChildren();
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
  });
  return abort;
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  let plan: Plan;
  try {
    options = parseCliArgs(argv);
    if (options.help) {
      process.stdout.write(`${BENCH_HELP}\n`);
      return EXIT.ok;
    }
    if (options.list) {
      process.stdout.write(`${formatScenarioList(SCENARIOS)}\n`);
      return EXIT.ok;
    }
    plan = resolvePlan(options);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.usage;
  }
  if (options.ab !== undefined) {
    try {
      resolveBaseBuild(options.ab);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    return runAbBench(options, plan, argv, options.ab);
  }
  if (plan.shards !== undefined) {
    // Before anything starts: an unreachable Redis is the setup's fault, not a cell's.
    // Loaded only here: a run on one machine never loads the Redis client.
    const { redisProblem } = await import('./distributed/redis-connection.js');
    const unreachable = await redisProblem(options.redis!);
    if (unreachable !== undefined) {
      process.stderr.write(`error: ${unreachable}\n`);
      return EXIT.unavailable;
    }
  }
  return runBench(options, plan, argv);
}

exitWhenDone(main(process.argv.slice(2)), killAllChildren);
