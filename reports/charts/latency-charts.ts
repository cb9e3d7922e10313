/**
 * Latency charts: the percentile distribution of every repeat from its HDR histogram (the median
 * repeat bold, the others faint, so one bad repeat shows as one repeat), and latency over time from
 * the bucketed timeline of the median repeat (per second, or the width the cell records). Latency
 * is drawn on a log axis: a 100 ms tail in one repeat must not flatten every median into a line.
 */
import type { CellResult, ResultsDocument, RunResult } from '../../bench/results.js';
import { SSE_FAMILY, TCP_FAMILY } from '../../transports/families.js';
import {
  computePercentileCurve,
  decodeRunHistogram,
  LATENCY_HISTOGRAM,
  PERCENTILE_TICKS,
  percentileToNines,
} from '../histograms.js';
import {
  cellsOf,
  describeCell,
  findTcpFloor,
  groupConditions,
  okRuns,
  ranScenarioNames,
  type Condition,
  onPlainTransport,
} from '../results-query.js';
import {
  buildLogTicks,
  buildSecondTicks,
  isDrawable,
  slugify,
  type ChartModel,
  type ChartSeries,
} from './chart-model.js';
import { describeBuckets, findBucketMs } from './timeline-buckets.js';

/** Scenarios whose latency is charted elsewhere or is not a stream latency. */
const NOT_LATENCY_SCENARIOS = /^(tcp-floor$|reconnect-)/;

function chartId(scenario: string, condition: Condition, kind: string): string {
  return [scenario, condition.label === '' ? '' : slugify(condition.label), kind]
    .filter((part) => part !== '')
    .join('-');
}

function describeCondition(scenario: string, condition: Condition): string {
  return condition.label === '' ? scenario : `${scenario}, ${condition.label}`;
}

/** The condition's cells, plus the TCP floor measured under the same load when there is one. */
function withTcpFloor(doc: ResultsDocument, condition: Condition): CellResult[] {
  const cells = condition.cells.filter((cell) => !onPlainTransport(cell, TCP_FAMILY));
  const reference = cells.find((cell) => onPlainTransport(cell, SSE_FAMILY)) ?? cells[0];
  const floor = reference === undefined ? undefined : findTcpFloor(doc, reference);
  return floor === undefined ? cells : [...cells, floor];
}

interface RepeatCurve {
  repeat: number;
  points: ChartSeries['points'];
  p99Us: number;
}

function readRepeatCurves(cell: CellResult): RepeatCurve[] {
  return okRuns(cell).flatMap((run) => {
    const decoded = decodeRunHistogram(run, LATENCY_HISTOGRAM);
    if (decoded === undefined || 'error' in decoded || decoded.histogram.totalCount === 0) return [];
    const points = computePercentileCurve(decoded.histogram).map((point) => ({
      x: percentileToNines(point.percentile),
      y: point.valueUs,
    }));
    return [{ repeat: run.repeat, points, p99Us: decoded.histogram.getValueAtPercentile(99) }];
  });
}

/**
 * One series per repeat: the repeat with the median p99 (the chart is about the tail) bold and
 * named after the cell, the others faint. Repeats are not merged: a merged curve lets one repeat's
 * tail pass for the transport's.
 */
function buildPercentileSeries(cell: CellResult): ChartSeries[] {
  const curves = readRepeatCurves(cell);
  const typical = [...curves].sort((a, b) => a.p99Us - b.p99Us)[Math.floor((curves.length - 1) / 2)];
  const group = describeCell(cell);
  return curves.map((curve) =>
    curve === typical
      ? { name: group, group, points: curve.points }
      : { name: `${group} repeat ${curve.repeat + 1}`, group, faint: true, points: curve.points },
  );
}

function buildPercentileChart(doc: ResultsDocument, scenario: string, condition: Condition): ChartModel {
  const series = withTcpFloor(doc, condition).flatMap(buildPercentileSeries);
  return {
    id: chartId(scenario, condition, 'latency-percentiles'),
    title: `Latency by percentile (${describeCondition(scenario, condition)}; every repeat)`,
    scenario,
    xLabel: 'percentile',
    yLabel: 'one-way latency (log scale)',
    xScale: 'linear',
    xTicks: PERCENTILE_TICKS.map((percentile) => ({ value: percentileToNines(percentile), label: `p${percentile}` })),
    yScale: 'log',
    yTicks: buildLogTicks(series, 'duration-us'),
    yKind: 'duration-us',
    series,
  };
}

/** The repeat whose latency p50 is the median of the cell's repeats: typical, not best or worst. */
export function pickMedianRun(cell: CellResult, metric = 'latency_p50_us'): RunResult | undefined {
  const runs = okRuns(cell).filter((run) => run.timeline !== undefined && run.timeline.length > 0);
  const sorted = [...runs].sort((a, b) => (a.metrics[metric] ?? 0) - (b.metrics[metric] ?? 0));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** A series and the width of the buckets its p99s were taken over. */
interface BucketedSeries {
  series: ChartSeries;
  bucketMs: number | undefined;
}

function buildTimelineSeries(cell: CellResult): BucketedSeries | undefined {
  const run = pickMedianRun(cell);
  if (run?.timeline === undefined) return undefined;
  const series = {
    name: describeCell(cell),
    points: run.timeline.map((point) => ({ x: point.tMs / 1000, y: point.p99Us })),
  };
  return { series, bucketMs: findBucketMs(cell, run.timeline) };
}

function buildTimelineChart(scenario: string, condition: Condition): ChartModel {
  const bucketed = condition.cells.flatMap((cell) => buildTimelineSeries(cell) ?? []);
  const series = bucketed.map((entry) => entry.series);
  return {
    id: chartId(scenario, condition, 'latency-timeline'),
    title: `p99 latency per ${describeBuckets(bucketed.flatMap((entry) => entry.bucketMs ?? []))} (${describeCondition(scenario, condition)}; median repeat)`,
    scenario,
    xLabel: 'time in the measured window (s)',
    yLabel: 'p99 one-way latency (log scale)',
    xScale: 'linear',
    xTicks: buildSecondTicks(series),
    yScale: 'log',
    yTicks: buildLogTicks(series, 'duration-us'),
    yKind: 'duration-us',
    series,
  };
}

/** Both latency charts for every stream scenario and condition that has SSE and WS data. */
export function buildLatencyCharts(doc: ResultsDocument): ChartModel[] {
  const charts: ChartModel[] = [];
  for (const scenario of ranScenarioNames(doc).filter((name) => !NOT_LATENCY_SCENARIOS.test(name))) {
    for (const condition of groupConditions(cellsOf(doc, scenario))) {
      charts.push(buildPercentileChart(doc, scenario, condition), buildTimelineChart(scenario, condition));
    }
  }
  return charts.filter(isDrawable);
}
