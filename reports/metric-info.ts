/**
 * What the report needs to know about a metric: how to format its value, whether it is an exact
 * count or a noisy timing, and the order metrics are read in. The class comes from the spec the
 * results document carries (`metricSpecs`), else from the catalogue (bench/metric-catalogue.ts),
 * never from the name: a metric with no spec anywhere is info. Formatting reads the unit the name
 * carries by convention (`_us`, `_ms`, `_bytes`, `_pct`, `_per_sec`, `_count`).
 */
import { resolveMetricSpec } from '../bench/metric-catalogue.js';
import type { MetricClass, MetricSpecs } from '../bench/metrics.js';
import {
  formatBytes,
  formatCount,
  formatDurationMs,
  formatDurationUs,
  formatPercent,
  formatRatePerSec,
  formatRatio,
  formatSignificant,
} from './format.js';

export type ValueKind =
  | 'duration-us'
  | 'duration-ms'
  | 'bytes'
  | 'kib'
  | 'mib'
  | 'percent'
  | 'rate-msgs'
  | 'rate-mib'
  | 'count'
  | 'ratio'
  | 'plain';

const SUFFIX_KINDS: [RegExp, ValueKind][] = [
  [/_msgs_per_sec$/, 'rate-msgs'],
  [/_mib_per_sec$/, 'rate-mib'],
  [/_us(_per_msg)?$/, 'duration-us'],
  [/_ms$/, 'duration-ms'],
  [/_pct$/, 'percent'],
  [/bytes/, 'bytes'],
  [/_kib(_per_conn)?$/, 'kib'],
  [/_mib$/, 'mib'],
  [/(_count|_loc|_attempts)$|^connections$|^messages_/, 'count'],
  // `first_event_ratio_vs_direct`: a ratio reads as `9.44×`, like the report's other ratios.
  [/_ratio(_|$)/, 'ratio'],
];

/** The kind of value a metric holds, from its name. */
export function metricValueKind(name: string): ValueKind {
  return SUFFIX_KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'plain';
}

/** A metric value in its own unit, e.g. `812 µs`, `1.5 KiB`, `12.3 k msg/s`. */
export function formatMetricValue(name: string, value: number): string {
  return formatValueOfKind(metricValueKind(name), value);
}

/** A value of a known kind in its unit (chart axes use this with the kind of what they plot). */
export function formatValueOfKind(kind: ValueKind, value: number): string {
  switch (kind) {
    case 'duration-us':
      return formatDurationUs(value);
    case 'duration-ms':
      return formatDurationMs(value);
    case 'bytes':
      return formatBytes(value);
    case 'kib':
      return formatBytes(value * 1024);
    case 'mib':
      return formatBytes(value * 1048576);
    case 'percent':
      return formatPercent(value);
    case 'rate-msgs':
      return formatRatePerSec(value, 'msg/s');
    case 'rate-mib':
      return `${formatSignificant(value)} MiB/s`;
    case 'count':
      return formatCount(value);
    case 'ratio':
      return formatRatio(value);
    case 'plain':
      return formatSignificant(value);
  }
}

/**
 * How a metric may be compared: `exact` counts do not move between runs of one build, so any
 * difference is real; `noisy` timings and rates need a margin; `info` figures (bytes over a time
 * window, CPU) move a little with what the window caught, which the spread across repeats shows.
 * `specs` are the results document's `metricSpecs`; the catalogue answers for metrics they lack
 * (a document written before specs were carried), and a metric neither knows is `info`.
 */
export function metricClass(specs: MetricSpecs, name: string): MetricClass {
  return resolveMetricSpec(name, [specs])?.class ?? 'info';
}

export function isExactMetric(specs: MetricSpecs, name: string): boolean {
  return metricClass(specs, name) === 'exact';
}

/**
 * The order metrics are read in, by group: timings first, then volume, integrity, set-up,
 * reconnection, CPU, memory and bytes. The report owns this order (not the registry's insertion
 * order), so adding a metric elsewhere never reshuffles a report.
 */
const DISPLAY_GROUPS: readonly RegExp[] = [
  /^latency_/,
  /^ttft_/,
  /^itl_/,
  /^throughput_msgs/,
  /^throughput_mib/,
  /^messages_received$/,
  /^messages_checked$/,
  /^server_messages_/,
  /^connections$/,
  /^lost_count$/,
  /^duplicated_count$/,
  /^reordered_count$/,
  /^corrupted_count$/,
  /^replayed_count$/,
  /^framing_/,
  /^connect_/,
  /^first_message_/,
  /^detect_/,
  /^reconnect_/,
  /^streams_cut|^cut_after/,
  /^client_cpu_pct$/,
  /^client_elu$/,
  /^client_cpu_us/,
  /^server_cpu_pct$/,
  /^server_cpu_us/,
  /^server_rss_mib$/,
  /^server_(rss|heap)_kib/,
  /^wire_bytes_down/,
  /^overhead_bytes_down/,
  /^efficiency_pct$/,
  /^wire_bytes_up/,
  /^handshake_bytes_down$/,
  /^handshake_bytes_up$/,
  /^client_impl/,
];

/** Percentile statistics in reading order: p50 < p90 < p99 < p99.9 < max < mean. */
const STATISTIC_RANKS: Record<string, number> = { p50: 50, p90: 90, p99: 99, p999: 99.9, max: 1000, mean: 1001 };
const STATISTIC_NAME = /^(.*)_(p\d+|max|mean)_(us|ms)$/;

function describeSortKey(name: string): [group: number, family: string, rank: number] {
  const found = DISPLAY_GROUPS.findIndex((pattern) => pattern.test(name));
  const group = found < 0 ? DISPLAY_GROUPS.length : found;
  const match = STATISTIC_NAME.exec(name);
  const rank = match === null ? undefined : STATISTIC_RANKS[match[2]!];
  return match === null || rank === undefined ? [group, name, 0] : [group, `${match[1]}_${match[3]}`, rank];
}

/** Metric names in display order; within a group, by family and then statistic. */
export function orderMetricNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => {
    const [groupA, familyA, rankA] = describeSortKey(a);
    const [groupB, familyB, rankB] = describeSortKey(b);
    if (groupA !== groupB) return groupA - groupB;
    if (familyA !== familyB) return familyA < familyB ? -1 : 1;
    return rankA - rankB;
  });
}
