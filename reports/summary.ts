/**
 * The summary every report opens with: what ran, the headline figures side by side, and the
 * harness overhead (how much of the measured throughput the harness's own client code costs).
 * Shared by the markdown report and the terminal summary, so both say the same thing.
 */
import type { CellResult, ResultsDocument, TransportName } from '../bench/results.js';
import { SSE_FAMILY, WS_FAMILY } from '../transports/families.js';
import { TRANSPORTS } from '../transports/registry.js';
import { computeRatio, formatBytes, formatDurationMs, formatQuantity, formatRatio } from './format.js';
import { formatMetricValue } from './metric-info.js';
import {
  cellsOf,
  findTcpFloor,
  findVariant,
  metricMedian,
  payloadBytesOf,
  primaryCell,
  ranScenarioNames,
  TRANSPORT_LABELS,
} from './results-query.js';

/** full/bare throughput at or above this means the harness measures the transport, not itself. */
export const HARNESS_OVERHEAD_GOAL = 0.8;

export interface HarnessOverhead {
  transport: TransportName;
  fullMsgsPerSec: number;
  bareMsgsPerSec: number;
  /** full / bare: 1 means the harness costs nothing. */
  ratio: number;
  meetsGoal: boolean;
}

/** One entry per transport with both `<t>-full` and `<t>-bare` cells in harness-overhead. */
export function computeHarnessOverhead(doc: ResultsDocument): HarnessOverhead[] {
  const cells = cellsOf(doc, 'harness-overhead');
  return TRANSPORTS.map((t) => t.name).flatMap((transport) => {
    const full = metricMedian(findVariant(cells, `${transport}-full`), 'throughput_msgs_per_sec');
    const bare = metricMedian(findVariant(cells, `${transport}-bare`), 'throughput_msgs_per_sec');
    const ratio = full === undefined || bare === undefined ? undefined : computeRatio(full, bare);
    if (ratio === undefined) return [];
    return [
      { transport, fullMsgsPerSec: full!, bareMsgsPerSec: bare!, ratio, meetsGoal: ratio >= HARNESS_OVERHEAD_GOAL },
    ];
  });
}

/** `SSE 0.88× (meets goal), WebSocket 0.74× (BELOW GOAL)`. */
export function describeHarnessOverhead(overheads: readonly HarnessOverhead[]): string {
  const parts = overheads.map(
    (o) =>
      `${TRANSPORT_LABELS[o.transport]} ${formatRatio(o.ratio)} (${o.meetsGoal ? 'meets goal' : 'BELOW GOAL: figures at full rate partly measure the harness'})`,
  );
  return `Harness overhead (full/bare client throughput, goal ≥ ${HARNESS_OVERHEAD_GOAL.toFixed(2)}): ${parts.join(', ')}.`;
}

/** `12 cells of 7 scenarios (steady, …), 3 repeats each, warm-up 1 s, 5 s measured per repeat.` */
export function describeWhatRan(doc: ResultsDocument): string {
  const ran = ranScenarioNames(doc);
  const { plan } = doc;
  const timing = `warm-up ${formatDurationMs(plan.warmupMs)}, ${formatDurationMs(plan.durationMs)} measured per repeat`;
  return `${formatQuantity(doc.cells.length, 'cell')} of ${formatQuantity(ran.length, 'scenario')} (${ran.join(', ')}), ${formatQuantity(plan.repeats, 'repeat')} each, ${timing}, profile ${plan.profile}.`;
}

function describePair(metric: string, sse: CellResult | undefined, ws: CellResult | undefined): string | undefined {
  const sseValue = metricMedian(sse, metric);
  const wsValue = metricMedian(ws, metric);
  if (sseValue === undefined || wsValue === undefined) return undefined;
  return `SSE ${formatMetricValue(metric, sseValue)}, WebSocket ${formatMetricValue(metric, wsValue)} (WS/SSE ${formatRatio(computeRatio(wsValue, sseValue))})`;
}

function describeSteadyLatency(doc: ResultsDocument): string | undefined {
  const cells = cellsOf(doc, 'steady');
  const sse = primaryCell(cells, SSE_FAMILY);
  const ws = primaryCell(cells, WS_FAMILY);
  const p50 = describePair('latency_p50_us', sse, ws);
  if (p50 === undefined) return undefined;
  const p99 = describePair('latency_p99_us', sse, ws);
  const floor = metricMedian(sse === undefined ? undefined : findTcpFloor(doc, sse), 'latency_p50_us');
  const floorText = floor === undefined ? '' : `; TCP floor p50 ${formatMetricValue('latency_p50_us', floor)}`;
  return `Steady one-way latency p50: ${p50}${p99 === undefined ? '' : `; p99: ${p99}`}${floorText}.`;
}

function describeMaxThroughput(doc: ResultsDocument): string | undefined {
  const cells = cellsOf(doc, 'max-throughput');
  const pair = describePair('throughput_msgs_per_sec', primaryCell(cells, SSE_FAMILY), primaryCell(cells, WS_FAMILY));
  return pair === undefined ? undefined : `Maximum throughput, one connection: ${pair}.`;
}

function describeSmallestPayloadBytes(doc: ResultsDocument): string | undefined {
  const textCells = cellsOf(doc, 'wire').filter(
    (cell) => cell.params['kind'] === 'text' && payloadBytesOf(cell) !== undefined,
  );
  const smallest = Math.min(...textCells.map((cell) => payloadBytesOf(cell)!));
  const atSmallest = textCells.filter((cell) => payloadBytesOf(cell) === smallest);
  const pair = describePair(
    'wire_bytes_down_per_msg',
    primaryCell(atSmallest, SSE_FAMILY),
    primaryCell(atSmallest, WS_FAMILY),
  );
  return pair === undefined
    ? undefined
    : `Wire bytes per message at the smallest text payload (${formatBytes(smallest)}): ${pair}.`;
}

function describeTimeToFirstToken(doc: ResultsDocument): string | undefined {
  const cells = cellsOf(doc, 'llm-stream').filter((cell) => metricMedian(cell, 'ttft_p50_us') !== undefined);
  if (cells.length === 0) return undefined;
  return `LLM stream time to first token p50: ${cells.map((cell) => `${cell.variant} ${formatMetricValue('ttft_p50_us', metricMedian(cell, 'ttft_p50_us')!)}`).join(', ')}.`;
}

/** The summary's bullet lines, only for figures this document has. */
export function buildSummaryLines(doc: ResultsDocument): string[] {
  const lines = [`Ran ${describeWhatRan(doc)}`];
  if (!doc.complete)
    lines.push('PARTIAL RESULTS: the run was interrupted or stopped by a watchdog; missing cells say "not run".');
  if (doc.plan.target !== undefined)
    lines.push(`Target: ${doc.plan.target} (an external server; the harness did not start its own).`);
  if (doc.plan.skippedScenarios.length > 0) lines.push(`Not run this time: ${doc.plan.skippedScenarios.join(', ')}.`);
  const overheads = computeHarnessOverhead(doc);
  const headlines = [
    describeSteadyLatency(doc),
    describeMaxThroughput(doc),
    describeSmallestPayloadBytes(doc),
    describeTimeToFirstToken(doc),
  ];
  lines.push(...headlines.filter((line): line is string => line !== undefined));
  if (overheads.length > 0) lines.push(describeHarnessOverhead(overheads));
  if (doc.errors.length > 0) lines.push(`${formatQuantity(doc.errors.length, 'error')} recorded (see Errors).`);
  lines.push(...doc.warnings.map((warning) => `Warning: ${warning}`));
  return lines;
}
