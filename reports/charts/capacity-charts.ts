/**
 * The capacity search's charts: p99 latency and server memory per connection against the
 * connections of each step, one line per transport (a step not tried has no point).
 */
import { CAPACITY_SCENARIO, CAPACITY_STEPS } from '../../bench/capacity/capacity-scenario.js';
import { stepMetric, type StepFigure } from '../../bench/capacity/capacity-metrics.js';
import type { ResultsDocument } from '../../bench/results.js';
import { formatCount } from '../format.js';
import type { ValueKind } from '../metric-info.js';
import { describeCell, metricMedian, ranCellsOf } from '../results-query.js';
import { buildLogTicks, isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';

function stepChart(
  doc: ResultsDocument,
  figure: StepFigure,
  chart: { id: string; title: string; yLabel: string; yKind: ValueKind },
): ChartModel[] {
  const series: ChartSeries[] = ranCellsOf(doc, CAPACITY_SCENARIO).map((cell) => ({
    name: describeCell(cell),
    points: CAPACITY_STEPS.flatMap((step) => {
      const y = metricMedian(cell, stepMetric(step, figure));
      return y === undefined ? [] : [{ x: step, y }];
    }),
  }));
  const model: ChartModel = {
    ...chart,
    scenario: CAPACITY_SCENARIO,
    xLabel: 'connections (log scale)',
    xScale: 'log',
    xTicks: CAPACITY_STEPS.map((step) => ({ value: step, label: formatCount(step) })),
    yScale: 'log',
    yTicks: buildLogTicks(series, chart.yKind),
    series,
  };
  return isDrawable(model) ? [model] : [];
}

export function buildCapacityCharts(doc: ResultsDocument): ChartModel[] {
  return [
    ...stepChart(doc, 'latency_p99_us', {
      id: 'capacity-p99-by-connections',
      title: 'Capacity: p99 latency at each step of connections',
      yLabel: 'p99 one-way latency (log scale)',
      yKind: 'duration-us',
    }),
    ...stepChart(doc, 'server_rss_kib_per_conn', {
      id: 'capacity-memory-by-connections',
      title: 'Capacity: server memory per connection at each step',
      yLabel: 'server RSS per connection (log scale)',
      yKind: 'kib',
    }),
  ];
}
