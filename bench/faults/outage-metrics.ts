/**
 * Turns the outages the clients recorded into the fault family's metrics: pure functions, tested
 * without sockets. Times compare the client's nowNs() with the runner's fault time, one monotonic
 * clock on one host.
 *
 * Per connection, for a fault injected at faultAtNs:
 * - detect: the fault → the first drop the connection noticed at or after it;
 * - reconnect: that drop → the first message on the stream that finally reopened (if a reopened
 *   stream drops again before recovering, recovery is the last reopen's first message);
 * - unrecovered: no message on a reopened stream by the end of the window.
 */
import type { ReconnectReport } from '../../clients/client-protocol.js';
import type { OutageRecord } from '../../clients/outage-log.js';
import { createHistogram, encodeHistogram } from '../../clients/recorder.js';

/** Metrics plus the histograms they came from. */
export interface OutageSummary {
  metrics: Record<string, number>;
  /** HDR encodings in µs (detect_us, reconnect_us, cut_after_us), so any percentile can be recomputed. */
  histograms: Record<string, string>;
}

const NS_PER_MS = 1e6;

/** Nearest-rank percentile of values sorted ascending. */
export function percentileOf(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Adds `<prefix>_p50_ms`, `_p99_ms`, `_max_ms`, and the µs histogram, when there are values. */
function addDistribution(summary: OutageSummary, prefix: string, valuesMs: number[]): void {
  if (valuesMs.length === 0) return;
  const sorted = [...valuesMs].sort((a, b) => a - b);
  summary.metrics[`${prefix}_p50_ms`] = percentileOf(sorted, 50);
  summary.metrics[`${prefix}_p99_ms`] = percentileOf(sorted, 99);
  summary.metrics[`${prefix}_max_ms`] = sorted.at(-1)!;
  const histogram = createHistogram();
  for (const ms of sorted) histogram.recordValue(Math.max(0, Math.round(ms * 1000)));
  summary.histograms[`${prefix}_us`] = encodeHistogram(histogram);
}

interface Recovery {
  detectMs: number;
  reconnectMs?: number;
  attempts: number;
}

/** One connection's way through the fault; undefined when it never noticed it. */
function followConnection(outages: readonly OutageRecord[], faultAtNs: number): Recovery | undefined {
  const afterFault = outages.filter((outage) => outage.droppedAtNs >= faultAtNs);
  const first = afterFault[0];
  const last = afterFault.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const attempts = afterFault.reduce((total, outage) => total + outage.attempts, 0);
  const detectMs = (first.droppedAtNs - faultAtNs) / NS_PER_MS;
  if (last.firstMessageAtNs === undefined) return { detectMs, attempts };
  return { detectMs, reconnectMs: (last.firstMessageAtNs - first.droppedAtNs) / NS_PER_MS, attempts };
}

/** The metrics of a run with one injected fault. */
export function summariseFault(report: ReconnectReport, faultAtNs: number): OutageSummary {
  const summary: OutageSummary = { metrics: {}, histograms: {} };
  const recoveries = report.outages.map((outages) => followConnection(outages, faultAtNs));
  const detectMs = recoveries.flatMap((r) => (r === undefined ? [] : [r.detectMs]));
  const reconnectMs = recoveries.flatMap((r) => (r?.reconnectMs === undefined ? [] : [r.reconnectMs]));
  addDistribution(summary, 'detect', detectMs);
  addDistribution(summary, 'reconnect', reconnectMs);
  summary.metrics.unrecovered_count = recoveries.filter((r) => r?.reconnectMs === undefined).length;
  summary.metrics.reconnect_attempts_count = recoveries.reduce((total, r) => total + (r?.attempts ?? 0), 0);
  summary.metrics.drops_count = report.outages.reduce((total, outages) => total + outages.length, 0);
  return summary;
}

/** The metrics of a run where the path itself cuts streams (long-lived): how many, and after how long. */
export function summariseCuts(report: ReconnectReport): OutageSummary {
  const summary: OutageSummary = { metrics: {}, histograms: {} };
  const cuts = report.outages.flat();
  summary.metrics.streams_cut_count = cuts.length;
  summary.metrics.reconnect_attempts_count = cuts.reduce((total, cut) => total + cut.attempts, 0);
  addDistribution(
    summary,
    'cut_after',
    cuts.map((cut) => (cut.droppedAtNs - cut.streamOpenedAtNs) / NS_PER_MS),
  );
  return summary;
}
