/**
 * Exports of a results document for external trackers, so a project can keep history and charts
 * without this harness: Bencher (Bencher Metric Format, BMF) and github-action-benchmark (its
 * `customSmallerIsBetter` / `customBiggerIsBetter` JSON). Each value is the median across the
 * cell's successful runs; the bounds are the lowest and highest run, so a tracker sees the spread.
 */
import { resolveMetricSpec } from '../metric-catalogue.js';
import type { CellResult, ResultsDocument } from '../results.js';
import { medianOf } from './order-stats.js';
import { collectMetricValues, listMetricNames } from './samples.js';

/** One BMF metric. Field names are Bencher's. */
export interface BencherMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** BMF: benchmark name → measure slug → metric. */
export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>;

/** One github-action-benchmark entry. `range` and `extra` are free text in that format. */
export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** The two files github-action-benchmark needs, one per tool (direction). */
export interface GithubBenchmarkExport {
  /** For `tool: customSmallerIsBetter`. */
  smallerIsBetter: GithubBenchmarkEntry[];
  /** For `tool: customBiggerIsBetter`. */
  biggerIsBetter: GithubBenchmarkEntry[];
}

interface CellMetric {
  cell: CellResult;
  metric: string;
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Bencher measure slugs are kebab-case (a-z, 0-9, -) and at most 64 characters. */
export function toMeasureSlug(metricName: string): string {
  return metricName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64);
}

function listCellMetrics(doc: ResultsDocument): CellMetric[] {
  return doc.cells.flatMap((cell) =>
    listMetricNames(cell).map((metric) => {
      const values = collectMetricValues(cell, metric);
      return {
        cell,
        metric,
        median: medianOf(values),
        min: Math.min(...values),
        max: Math.max(...values),
        runs: values.length,
      };
    }),
  );
}

/** Bencher Metric Format: one benchmark per cell, one measure per metric. */
export function toBencherMetricFormat(doc: ResultsDocument): BencherMetricFormat {
  const bmf: BencherMetricFormat = {};
  for (const item of listCellMetrics(doc)) {
    const measures = (bmf[item.cell.id] ??= {});
    measures[toMeasureSlug(item.metric)] = { value: item.median, lower_value: item.min, upper_value: item.max };
  }
  return bmf;
}

/** Free text for people reading a chart: six significant digits are plenty. */
function roundForText(value: number): number {
  return Number(value.toPrecision(6));
}

function toGithubEntry(item: CellMetric, unit: string): GithubBenchmarkEntry {
  return {
    name: `${item.cell.id} ${item.metric}`,
    unit,
    value: item.median,
    range: `± ${roundForText((item.max - item.min) / 2)}`,
    extra: `median of ${item.runs} runs, min ${roundForText(item.min)}, max ${roundForText(item.max)}`,
  };
}

/**
 * github-action-benchmark custom JSON, split by direction. Metrics without a better direction (or
 * without a spec in the document or the catalogue) are left out: that tool needs to know which way is worse.
 */
export function toGithubActionBenchmark(doc: ResultsDocument): GithubBenchmarkExport {
  const exported: GithubBenchmarkExport = { smallerIsBetter: [], biggerIsBetter: [] };
  for (const item of listCellMetrics(doc)) {
    const spec = resolveMetricSpec(item.metric, [doc.metricSpecs]);
    if (spec?.better === 'lower') exported.smallerIsBetter.push(toGithubEntry(item, spec.unit));
    if (spec?.better === 'higher') exported.biggerIsBetter.push(toGithubEntry(item, spec.unit));
  }
  return exported;
}
