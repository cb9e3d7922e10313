/**
 * `node dist/reports/report-cli.js <results.json> [--out dir] [--quiet] [--no-screenshot]`: rebuilds
 * REPORT.md, report.html and the charts from saved results, with no re-run. Exit codes follow the harness: 0 ok, 2 bad usage or
 * a file that is not a readable results document, 70 an internal error.
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT } from '../cli/exit-codes.js';
import { UsageError } from '../cli/usage-error.js';
import { loadResultsFile, ResultsLoadError } from './load-results.js';
import { renderTerminalSummary } from './terminal.js';
import { RESULTS_FILE, writeReport } from './write.js';

export const USAGE = `Usage: node dist/reports/report-cli.js <results.json> [--out <dir>] [--quiet] [--no-screenshot]

Rebuilds REPORT.md, scenarios/*.md, report.html, charts/*.svg, report-first-screen.png (when
Chromium is installed) and results.json (when writing elsewhere) from a saved results file,
without running anything.

  --out <dir>       where to write the report (default: the results file's folder)
  --quiet           do not print the terminal summary
  --no-screenshot   do not take the PNG of report.html's first screen
  --help            show this help

Exit codes: ${EXIT.ok} ok, ${EXIT.usage} bad usage or not a readable results document, ${EXIT.internal} internal error.`;

/** Where the CLI writes: stdout for the summary, stderr for errors. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

interface CliOptions {
  resultsFile: string;
  outDir: string;
  quiet: boolean;
  screenshot: boolean;
}

function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        quiet: { type: 'boolean' },
        'no-screenshot': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help === true) return 'help';
  if (parsed.positionals.length !== 1)
    throw new UsageError(`expected one results file, got ${parsed.positionals.length}`);
  const resultsFile = resolve(parsed.positionals[0]!);
  return {
    resultsFile,
    outDir: resolve(parsed.values.out ?? dirname(resultsFile)),
    quiet: parsed.values.quiet === true,
    screenshot: parsed.values['no-screenshot'] !== true,
  };
}

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can drive it. */
export async function runReportCli(argv: string[], output: CliOutput): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options === 'help') {
      output.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    const doc = await loadResultsFile(options.resultsFile);
    // Re-rendering in place must not rewrite the very file it read.
    const includeResults = resolve(options.outDir, RESULTS_FILE) !== options.resultsFile;
    const written = await writeReport(doc, options.outDir, { includeResults, screenshot: options.screenshot });
    if (!options.quiet) output.out(renderTerminalSummary(doc));
    for (const note of written.notes) output.err(`note: ${note}\n`);
    output.out(`wrote ${written.files.length} files to ${options.outDir}: ${written.files.join(', ')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ResultsLoadError) {
      output.err(`error (${error.category}): ${error.message}\n`);
      return EXIT.usage;
    }
    output.err(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const exitCode = await runReportCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = exitCode;
}
