/**
 * Reconnection timelines: messages received per timeline bucket (100 ms in the fault scenarios)
 * through each `reconnect-*` fault, all connections together, from the median repeat's timeline,
 * so the gap and the recovery (or a replay burst) are visible. Series counted in wider buckets
 * are scaled to the chart's bucket, so every line reads in the unit the axis names.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { cellsOf, describeCell, ranScenarioNames } from '../results-query.js';
import { buildSecondTicks, isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';
import { pickMedianRun } from './latency-charts.js';
import { describeBuckets, findBucketMs } from './timeline-buckets.js';

/** `SSE (sse-resume)`; a cell named after its transport gets its resume mode instead. */
function seriesName(cell: CellResult): string {
  const resume = cell.params['resume'];
  return resume === undefined || cell.variant !== cell.transport
    ? describeCell(cell)
    : `${describeCell(cell)} resume=${String(resume)}`;
}

/** A cell's deliveries per bucket, with the bucket width they were counted in. */
interface DeliverySeries {
  cell: CellResult;
  bucketMs: number;
  counts: { tMs: number; count: number }[];
}

function readDeliveries(cell: CellResult): DeliverySeries | undefined {
  const run = pickMedianRun(cell, 'reconnect_p50_ms');
  if (run?.timeline === undefined) return undefined;
  const bucketMs = findBucketMs(cell, run.timeline);
  return bucketMs === undefined
    ? undefined
    : { cell, bucketMs, counts: run.timeline.map(({ tMs, count }) => ({ tMs, count })) };
}

function scaleToBucket(deliveries: DeliverySeries, chartBucketMs: number): ChartSeries {
  const scale = chartBucketMs / deliveries.bucketMs;
  return {
    name: seriesName(deliveries.cell),
    points: deliveries.counts.map((point) => ({ x: point.tMs / 1000, y: point.count * scale })),
  };
}

function buildReconnectChart(doc: ResultsDocument, scenario: string): ChartModel {
  const deliveries = cellsOf(doc, scenario).flatMap((cell) => readDeliveries(cell) ?? []);
  const chartBucketMs = Math.min(...deliveries.map((entry) => entry.bucketMs));
  const series = deliveries.map((entry) => scaleToBucket(entry, chartBucketMs));
  const per = describeBuckets(deliveries.length === 0 ? [] : [chartBucketMs]);
  return {
    id: `${scenario}-timeline`,
    title: `Messages received per ${per} through the fault (${scenario}; all connections; median repeat)`,
    scenario,
    xLabel: 'time in the measured window (s)',
    yLabel: `messages received per ${per}, all connections`,
    xScale: 'linear',
    xTicks: buildSecondTicks(series),
    yScale: 'linear',
    yKind: 'count',
    series,
  };
}

/** One chart per reconnect-* scenario whose cells recorded a timeline. */
export function buildReconnectCharts(doc: ResultsDocument): ChartModel[] {
  return ranScenarioNames(doc)
    .filter((name) => name.startsWith('reconnect-'))
    .map((name) => buildReconnectChart(doc, name))
    .filter(isDrawable);
}
