/**
 * Every chart a results document supports, in report order. Charts without data to compare are
 * left out by their builders, never drawn empty.
 */
import type { ResultsDocument } from '../../bench/results.js';
import { buildCapacityCharts } from './capacity-charts.js';
import type { ChartModel } from './chart-model.js';
import { buildLatencyCharts } from './latency-charts.js';
import { buildMeasureCharts } from './measure-charts.js';
import { buildPayloadCharts } from './payload-charts.js';
import { buildReconnectCharts } from './reconnect-charts.js';

export function buildCharts(doc: ResultsDocument): ChartModel[] {
  return [
    ...buildLatencyCharts(doc),
    ...buildPayloadCharts(doc),
    ...buildReconnectCharts(doc),
    ...buildMeasureCharts(doc),
    ...buildCapacityCharts(doc),
  ];
}

/** The charts that belong in a scenario's section. */
export function chartsForScenario(charts: readonly ChartModel[], scenario: string): ChartModel[] {
  return charts.filter((chart) => chart.scenario === scenario);
}

/** Where writeReport puts a chart's SVG, relative to REPORT.md. */
export function chartSvgPath(chart: ChartModel): string {
  return `charts/${chart.id}.svg`;
}
