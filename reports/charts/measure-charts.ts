/**
 * The measure family's chart: gaps between events and time to first event by percentile, one line
 * per endpoint and quantity, from the repeats' merged HDR histograms (merged, never averaged).
 */
import type { ResultsDocument } from '../../bench/results.js';
import { computePercentileCurve, mergeCellHistogram, PERCENTILE_TICKS, percentileToNines } from '../histograms.js';
import { measureCellsOf } from '../measure-figures.js';
import { buildLogTicks, isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';

const FAMILIES: [histogram: string, label: string][] = [
  ['gap_us', 'gap'],
  ['ttfe_us', 'first event'],
];

export function buildMeasureCharts(doc: ResultsDocument): ChartModel[] {
  const series: ChartSeries[] = measureCellsOf(doc).flatMap((cell) =>
    FAMILIES.flatMap(([family, label]) => {
      const histogram = mergeCellHistogram(cell, family);
      if (histogram === undefined || histogram.totalCount === 0) return [];
      const points = computePercentileCurve(histogram).map((point) => ({
        x: percentileToNines(point.percentile),
        y: point.valueUs,
      }));
      return [{ name: `${cell.id} ${label}`, points }];
    }),
  );
  const chart: ChartModel = {
    id: 'measure-gap-ttfe-percentiles',
    title: 'Gaps between events and time to first event by percentile (all repeats merged)',
    scenario: 'measure',
    xLabel: 'percentile',
    yLabel: 'µs (log scale)',
    xScale: 'linear',
    xTicks: PERCENTILE_TICKS.map((percentile) => ({ value: percentileToNines(percentile), label: `p${percentile}` })),
    yScale: 'log',
    yTicks: buildLogTicks(series, 'duration-us'),
    yKind: 'duration-us',
    series,
  };
  return isDrawable(chart) ? [chart] : [];
}
