/**
 * Measures one `other-languages` cell: checks the foreign runtime's clock against hrtime, starts our
 * server as a child, runs the Python or Java client against a bounded stream (killed if it
 * overstays), and turns its JSON summary into metrics.
 */
import { familyOf } from '../../transports/registry.js';
import type { CellRunner } from '../families.js';
import { withCellServer } from '../with-cell-server.js';
import { planBoundedStream, type BoundedStreamPlan } from './bounded-stream.js';
import { checkForeignClock, type ClockCheck } from './clock-probe.js';
import { prepareForeignRuntime } from './foreign-clients.js';
import { runForeignProcess } from './foreign-process.js';
import { foreignMetrics, parseForeignSummary, readWholeStream, type ForeignSummary } from './foreign-summary.js';
import { findForeignClientCell, type ForeignClientCell } from './polyglot-scenarios.js';

/** The client stops itself this long after the stream should have ended (JIT, a slow machine). */
const CLIENT_SLACK_MS = 10_000;
/** The runner kills the client this long after the client should have stopped itself. */
const KILL_SLACK_MS = 15_000;
const LLM_PROMPT = 'Explain server-sent events in one paragraph.';

/**
 * The client's command-line arguments: a GET of the bounded stream, or (POST variants) the seed's
 * request: a JSON body to /llm asking for `count` tokens at the stream's rate.
 */
export function foreignClientArgs(spec: ForeignClientCell, serverUrl: string, stream: BoundedStreamPlan): string[] {
  const url = new URL(serverUrl);
  const common = [
    '--duration-ms',
    String(Math.ceil(stream.streamMs + CLIENT_SLACK_MS)),
    '--warmup-count',
    String(stream.warmupCount),
    '--expect-first-seq',
    '1',
  ];
  if (spec.method === 'POST') {
    url.pathname = '/llm';
    url.search = '';
    const body = JSON.stringify({ prompt: LLM_PROMPT, tokens: stream.count, tokenDelayMs: 1000 / stream.ratePerSec });
    return [url.href, ...common, '--method', 'POST', '--body', body];
  }
  url.searchParams.set('count', String(stream.count));
  return [url.href, ...common];
}

function summaryWarnings(summary: ForeignSummary, clock: ClockCheck): string[] {
  const warnings: string[] = [];
  if (summary.error !== null) warnings.push(`${summary.client}: ${summary.error.category}: ${summary.error.message}`);
  else if (!readWholeStream(summary))
    warnings.push(`${summary.client}: stopped (${summary.stop_reason}) before the end marker`);
  if (clock.mismatchUs > 0)
    warnings.push(
      `${summary.clock} is not process.hrtime's clock (off by ${clock.mismatchUs} µs or more): its latency figures are meaningless`,
    );
  return warnings;
}

export const runForeignCell: CellRunner = async (cell, abort) => {
  const spec = findForeignClientCell(cell.variant);
  const stream = planBoundedStream(cell.server.defaults.ratePerSec, cell.client.warmupMs, cell.client.durationMs);
  const runtime = await prepareForeignRuntime(spec.language);
  const clock = await checkForeignClock(runtime.clockProbe.command, runtime.clockProbe.args);
  return withCellServer(
    cell,
    async ({ url, describe }) => {
      const client = runtime.client(familyOf(spec.transport));
      const args = [...client.args, ...foreignClientArgs(spec, url, stream)];
      const deadlineMs = Math.ceil(stream.streamMs + CLIENT_SLACK_MS + KILL_SLACK_MS);
      const exit = await runForeignProcess(client.command, args, { deadlineMs, phase: 'foreign-client', abort });
      const summary = parseForeignSummary(exit.stdout, exit.stderr, spec.variant);
      return {
        metrics: {
          ...foreignMetrics(summary),
          clock_mismatch_us: clock.mismatchUs,
          clock_probe_window_us: clock.windowP50Us,
          client_process_ms: exit.wallMs,
        },
        histograms: {},
        errorCounts: summary.error === null ? {} : { [summary.error.category]: 1 },
        warnings: summaryWarnings(summary, clock),
        serverConfig: describe(),
      };
    },
    { abort },
  );
};
