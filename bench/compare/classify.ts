/**
 * Sorts each metric into how it may be compared, from its spec (the one the results documents
 * carry, else the catalogue's), and gives each noisy metric its practical threshold: the smallest
 * change worth failing a build for.
 */
import { resolveMetricSpec } from '../metric-catalogue.js';
import type { Better, MetricClass, MetricSpecs } from '../metrics.js';

/** Everything compare needs to know about one metric. */
export interface MetricRule {
  name: string;
  unit: string;
  class: MetricClass;
  better: Better;
  mustBeZero: boolean;
  /** Practical threshold in percent (noisy metrics). */
  thresholdPct: number;
  /** False when neither the documents nor the catalogue specify it: reported as info, never gated. */
  specified: boolean;
}

/**
 * Default thresholds in percent. Shared CI machines move network figures by 5–10% from one run to
 * the next; with 5 repeats a side, the interval of a median ratio is then about ±7% wide, so a
 * threshold under 10% would leave most metrics inconclusive. Tail percentiles rest on a handful of
 * samples per run and move more, so they get wider thresholds.
 */
export const DEFAULT_THRESHOLD_PCT = {
  /** Medians, means, rates, per-message CPU. */
  central: 10,
  /** p90 to p99. */
  tail: 15,
  /** p99.9 and maximum: decided by a few messages in each run. */
  extreme: 25,
} as const;

/** The default threshold for a metric, by the percentile its name says it is. */
export function defaultThresholdPct(metricName: string): number {
  if (/_(p999|max)(_|$)/.test(metricName)) return DEFAULT_THRESHOLD_PCT.extreme;
  if (/_p9\d(_|$)/.test(metricName)) return DEFAULT_THRESHOLD_PCT.tail;
  return DEFAULT_THRESHOLD_PCT.central;
}

/**
 * Looks a metric up in `carried` (the documents' `metricSpecs`, head's first) and then the
 * catalogue; `thresholdsPct` overrides the default threshold by exact metric name.
 */
export function classifyMetric(
  metricName: string,
  thresholdsPct: Readonly<Record<string, number>> = {},
  carried: readonly MetricSpecs[] = [],
): MetricRule {
  const spec = resolveMetricSpec(metricName, carried);
  const thresholdPct = thresholdsPct[metricName] ?? defaultThresholdPct(metricName);
  if (spec === undefined) {
    return {
      name: metricName,
      unit: '',
      class: 'info',
      better: 'none',
      mustBeZero: false,
      thresholdPct,
      specified: false,
    };
  }
  return {
    name: metricName,
    unit: spec.unit,
    class: spec.class,
    better: spec.better,
    mustBeZero: spec.mustBeZero === true,
    thresholdPct,
    specified: true,
  };
}
