/**
 * Merges the results of several client processes (local ones, or shards on other machines) into one
 * result, exactly: histograms are decoded and added (HdrHistogram `add`), percentiles recomputed
 * from the sum; counters and rates sum; per-message and per-connection figures are re-weighted by
 * the messages and connections behind them. Nothing is averaged that should not be: a metric with no
 * rule here is refused, so a new client metric cannot be merged wrong by default.
 */
import * as hdr from 'hdr-histogram-js';
import type { ClientRunResult } from '../clients/client-protocol.js';
import type { TimelinePointUs } from '../clients/recorder.js';
import { addPercentiles } from '../clients/summarise.js';

type MergeRule = 'sum' | 'max' | 'per-message' | 'per-connection';

/** How each client metric combines across processes. Percentiles come from the histograms instead. */
const MERGE_RULES: Readonly<Record<string, MergeRule>> = {
  connections: 'sum',
  messages_received: 'sum',
  messages_checked: 'sum',
  lost_count: 'sum',
  duplicated_count: 'sum',
  reordered_count: 'sum',
  corrupted_count: 'sum',
  // Every process measures over the same gated window, so their rates add up.
  throughput_msgs_per_sec: 'sum',
  throughput_mib_per_sec: 'sum',
  // Percent of one core, as for one process: the clients' CPU together.
  client_cpu_pct: 'sum',
  // The busiest process decides whether the clients were the bottleneck.
  client_elu: 'max',
  // The processes connect at once, so all are connected when the slowest is.
  connect_all_ms: 'max',
  wire_bytes_down_per_msg: 'per-message',
  wire_bytes_up_per_msg: 'per-message',
  app_bytes_down_per_msg: 'per-message',
  client_cpu_us_per_msg: 'per-message',
  handshake_bytes_down: 'per-connection',
  handshake_bytes_up: 'per-connection',
  client_rss_kib_per_conn: 'per-connection',
  client_heap_kib_per_conn: 'per-connection',
};

const PERCENTILE_METRIC = /^(.+)_(p50|p90|p99|p999|max|mean)_us$/;

export class MergeError extends Error {}

/** Decodes and adds every process's copy of each histogram. */
export function mergeHistograms(results: readonly ClientRunResult[]): Map<string, hdr.Histogram> {
  const merged = new Map<string, hdr.Histogram>();
  for (const result of results) {
    for (const [name, encoded] of Object.entries(result.histograms)) {
      const histogram = hdr.decodeFromCompressedBase64(encoded);
      histogram.autoResize = true; // a later process's larger values must fit, never throw
      const sum = merged.get(name);
      if (sum === undefined) merged.set(name, histogram);
      else sum.add(histogram);
    }
  }
  return merged;
}

function weightOf(rule: MergeRule, metrics: Record<string, number>): number {
  if (rule === 'per-message') return metrics.messages_received ?? 0;
  if (rule === 'per-connection') return metrics.connections ?? 0;
  return 1;
}

/** Combines one metric's values by its rule; `undefined` when no process reported it. */
function mergeMetric(name: string, rule: MergeRule, results: readonly ClientRunResult[]): number | undefined {
  const reporting = results.filter((r) => r.metrics[name] !== undefined);
  if (reporting.length === 0) return undefined;
  const values = reporting.map((r) => r.metrics[name]!);
  if (rule === 'sum') return values.reduce((a, b) => a + b, 0);
  if (rule === 'max') return Math.max(...values);
  const weights = reporting.map((r) => weightOf(rule, r.metrics));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  return values.reduce((sum, value, i) => sum + value * weights[i]!, 0) / total;
}

/**
 * Per second: counts add up; the p50 and p99 are the largest of the processes' (an upper bound of
 * the merged second's percentile: a second's own samples are not kept, only the run's histogram).
 */
function mergeTimelines(results: readonly ClientRunResult[]): TimelinePointUs[] {
  const bySecond = new Map<number, TimelinePointUs>();
  for (const point of results.flatMap((r) => r.timeline)) {
    const earlier = bySecond.get(point.tMs);
    bySecond.set(
      point.tMs,
      earlier === undefined
        ? { ...point }
        : {
            tMs: point.tMs,
            count: earlier.count + point.count,
            p50Us: Math.max(earlier.p50Us, point.p50Us),
            p99Us: Math.max(earlier.p99Us, point.p99Us),
          },
    );
  }
  return [...bySecond.values()].sort((a, b) => a.tMs - b.tMs);
}

function sumCounts(records: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) total[key] = (total[key] ?? 0) + n;
  return total;
}

/** One result from several processes' results of the same cell. */
export function mergeClientRuns(results: readonly ClientRunResult[]): ClientRunResult {
  if (results.length === 0) throw new MergeError('no client results to merge');
  if (results.length === 1) return results[0]!;
  if (results.some((r) => r.reconnect !== undefined))
    throw new MergeError('reconnect-mode results carry per-connection outage logs and are not merged');
  const histograms = mergeHistograms(results);
  const metrics: Record<string, number> = {};
  const names = new Set(results.flatMap((r) => Object.keys(r.metrics)));
  for (const name of names) {
    const fromHistogram = PERCENTILE_METRIC.exec(name);
    if (fromHistogram !== null && histograms.has(`${fromHistogram[1]}_us`)) continue;
    const rule = MERGE_RULES[name];
    if (rule === undefined)
      throw new MergeError(
        `client metric ${name} has no merge rule: add one to MERGE_RULES in bench/merge-client-runs.ts`,
      );
    const value = mergeMetric(name, rule, results);
    if (value !== undefined) metrics[name] = value;
  }
  const encoded: Record<string, string> = {};
  for (const [name, histogram] of histograms) {
    addPercentiles(metrics, name.replace(/_us$/, ''), histogram);
    encoded[name] = hdr.encodeIntoCompressedBase64(histogram);
  }
  return {
    metrics,
    histograms: encoded,
    timeline: mergeTimelines(results),
    errorCounts: sumCounts(results.map((r) => r.errorCounts)),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
  };
}
