/**
 * Reconnection timelines: messages received per second through each `reconnect-*` fault, from the
 * median repeat's timeline, so the gap and the recovery (or a replay burst) are visible.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { cellsOf, describeCell, ranScenarioNames } from '../results-query.js';
import { buildSecondTicks, isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';
import { pickMedianRun } from './latency-charts.js';

function seriesName(cell: CellResult): string {
  const resume = cell.params['resume'];
  return resume === undefined ? describeCell(cell) : `${describeCell(cell)} resume=${String(resume)}`;
}

function buildDeliverySeries(cell: CellResult): ChartSeries | undefined {
  const run = pickMedianRun(cell, 'reconnect_p50_ms');
  if (run?.timeline === undefined) return undefined;
  return { name: seriesName(cell), points: run.timeline.map((point) => ({ x: point.tMs / 1000, y: point.count })) };
}

function buildReconnectChart(doc: ResultsDocument, scenario: string): ChartModel {
  const series = cellsOf(doc, scenario).flatMap((cell) => buildDeliverySeries(cell) ?? []);
  return {
    id: `${scenario}-timeline`,
    title: `Messages received per second through the fault (${scenario}; median repeat)`,
    scenario,
    xLabel: 'time in the measured window (s)',
    yLabel: 'messages received per second',
    xScale: 'linear',
    xTicks: buildSecondTicks(series),
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
