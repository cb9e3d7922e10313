/**
 * A chart as data: what to draw, not how. Each chart is built once from the results and drawn twice
 * from the same model, as text (asciichart) and as SVG (vega-lite), so the two can never disagree.
 */
import type { ValueKind } from '../metric-info.js';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  /** The legend entry: `SSE`, `WebSocket`, `TCP floor`, `WebSocket (ws-uncorked)`… */
  name: string;
  points: ChartPoint[];
}

export interface AxisTick {
  value: number;
  label: string;
}

export interface ChartModel {
  /** File stem of the SVG, kebab-case: `steady-latency-percentiles`. */
  id: string;
  title: string;
  /** The report section the chart belongs to. */
  scenario: string;
  xLabel: string;
  yLabel: string;
  xScale: 'linear' | 'log';
  /** Where the x axis is labelled (percentiles, payload sizes…), in data units. */
  xTicks: AxisTick[];
  /** The unit of y, for the text chart's axis labels. */
  yKind: ValueKind;
  series: ChartSeries[];
}

/** `size=1024, kind=binary` → `size-1024-kind-binary`: safe in a file name and a URL. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A chart is only drawn when it has something to compare: two series with a line each. */
export function isDrawable(chart: ChartModel): boolean {
  return chart.series.filter((series) => series.points.length >= 2).length >= 2;
}

/** Ticks at the first, middle and last second the series cover: `1 s`, `3 s`, `5 s`. */
export function buildSecondTicks(series: readonly ChartSeries[]): AxisTick[] {
  const seconds = series.flatMap((s) => s.points.map((point) => point.x));
  if (seconds.length === 0) return [];
  const first = Math.min(...seconds);
  const last = Math.max(...seconds);
  return [...new Set([first, (first + last) / 2, last])].map((value) => ({ value, label: `${Number(value.toFixed(1))} s` }));
}
