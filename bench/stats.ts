/** Medians and spreads across a cell's repeats: the figures every table shows. */
import type { MetricSummary, RunResult } from './results.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summariseValues(values: readonly number[]): MetricSummary {
  const med = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: med, min, max, spreadPct: med === 0 ? 0 : (100 * (max - min)) / Math.abs(med), n: values.length };
}

/** One summary per metric over the successful runs (a failed run has no trustworthy figures). */
export function summariseRuns(runs: readonly RunResult[]): Record<string, MetricSummary> {
  const byMetric = new Map<string, number[]>();
  for (const run of runs) {
    if (run.status !== 'ok') continue;
    for (const [name, value] of Object.entries(run.metrics)) {
      if (!Number.isFinite(value)) continue;
      let list = byMetric.get(name);
      if (list === undefined) byMetric.set(name, (list = []));
      list.push(value);
    }
  }
  const summary: Record<string, MetricSummary> = {};
  for (const [name, values] of [...byMetric].sort(([a], [b]) => a.localeCompare(b)))
    summary[name] = summariseValues(values);
  return summary;
}
