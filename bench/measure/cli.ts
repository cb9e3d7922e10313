/**
 * `npm run measure -- <url> [options]`: measure any SSE or WebSocket endpoint as it is. Validates
 * everything before connecting (exit 2), runs the workloads, writes the results document after
 * every repeat (Ctrl-C writes what was measured and exits 130), prints a summary, and exits 1 when
 * any connection failed. See cli-args.ts for the options.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT } from '../../cli/exit-codes.js';
import { RUNS_DIR, runFolderName } from '../paths.js';
import { UsageError } from '../../cli/usage-error.js';
import { writeResultsFile } from '../results-document.js';
import type { ResultsDocument } from '../results.js';
import { renderMeasureTerminal } from '../../reports/measure-terminal.js';
import { MEASURE_HELP, parseMeasureArgs } from './cli-args.js';
import { createMeasureDocument } from './measure-document.js';
import './measure-metrics.js';
import type { MeasureSettings } from './measure-options.js';
import { runMeasurePlan, type MeasureListener } from './measure-runner.js';
import { exitWhenDone } from '../../cli/exit-when-done.js';

export interface MeasureIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: MeasureIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function resultsPath(settings: MeasureSettings): string {
  return settings.out !== undefined
    ? path.resolve(settings.out)
    : path.join(RUNS_DIR, `${runFolderName(new Date())}-measure`, 'results.json');
}

function createListener(settings: MeasureSettings, io: MeasureIo, write: () => void): MeasureListener {
  return {
    onRepeatDone(cellId, repeat, run, newErrors) {
      // Errors always reach the console, once per category and cell, even with --quiet.
      for (const error of newErrors)
        io.stderr(`error: ${cellId}: ${error.category} (×${run.errorCounts[error.category]}): ${error.message}\n`);
      if (settings.quiet || settings.json) return;
      const events = run.metrics['events_received'] ?? run.metrics['events_in_window'] ?? 0;
      const errors = run.metrics['stream_errors_count'] ?? 0;
      io.stderr(
        `${cellId} repeat ${repeat + 1}/${settings.repeats}: ${events} events over ${run.metrics['connections']} connection(s), ${errors} failed, ${run.wallMs} ms\n`,
      );
    },
    onDocumentChanged: write,
  };
}

/** First Ctrl-C: stop the streams and write what was measured. A second one leaves at once. */
function installInterruptHandler(io: MeasureIo): AbortController {
  const abort = new AbortController();
  process.once('SIGINT', () => {
    io.stderr('\ninterrupted: stopping the streams and writing what was measured (Ctrl-C again to quit at once)\n');
    abort.abort();
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
  });
  return abort;
}

function exitCodeFor(doc: ResultsDocument, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  const failed = doc.cells.some((cell) =>
    cell.runs.some((run) => run.status === 'failed' || (run.metrics['stream_errors_count'] ?? 0) > 0),
  );
  return failed ? EXIT.correctness : EXIT.ok;
}

export async function runMeasureCli(
  argv: readonly string[],
  io: MeasureIo = processIo,
  abort = new AbortController(),
): Promise<number> {
  let settings: MeasureSettings;
  try {
    const command = parseMeasureArgs(argv);
    if (command.kind === 'help') {
      io.stdout(`${MEASURE_HELP}\n`);
      return EXIT.ok;
    }
    settings = command.settings;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  const file = resultsPath(settings);
  const doc = createMeasureDocument(settings, argv);
  const write = (): void => writeResultsFile(doc, file);
  await runMeasurePlan(settings, doc, abort.signal, createListener(settings, io, write));
  doc.complete = !abort.signal.aborted;
  write();
  if (settings.json) io.stdout(`${JSON.stringify(doc)}\n`);
  else if (!settings.quiet)
    io.stdout(
      `${renderMeasureTerminal(doc)}\nresults: ${path.relative(process.cwd(), file) || file}  (npm run report -- ${path.relative(process.cwd(), file)})\n`,
    );
  return exitCodeFor(doc, abort.signal.aborted);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  const abort = installInterruptHandler(processIo);
  exitWhenDone(runMeasureCli(process.argv.slice(2), processIo, abort));
}
