/**
 * A chart as data: what to draw, not how. Each chart is built once from the results and drawn twice
 * from the same model, as text (asciichart) and as SVG (vega-lite), so the two can never disagree.
 */
import { formatValueOfKind, type ValueKind } from '../metric-info.js';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  /** Unique in the chart: `SSE`, `WebSocket (ws-uncorked)`, `SSE repeat 2`… */
  name: string;
  /** The legend entry (colour and dash), shared by one cell's repeats; the name when absent. */
  group?: string;
  /**
   * A repeat other than the typical one, drawn thin and light behind it: there to show the spread,
   * so that one bad repeat is seen as one repeat, not as the transport's behaviour.
   */
  faint?: boolean;
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
  /** Log for latency and bytes, which span decades: a 100 ms tail must not flatten a 300 µs median. */
  yScale: 'linear' | 'log';
  /** Where the y axis is labelled; vega picks when absent. */
  yTicks?: AxisTick[];
  /** The unit of y, for the axis labels. */
  yKind: ValueKind;
  series: ChartSeries[];
}

/** `size=1024, kind=binary` → `size-1024-kind-binary`: safe in a file name and a URL. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The legend entry of a series. */
export function groupOf(series: ChartSeries): string {
  return series.group ?? series.name;
}

/** A chart is only drawn when it has something to compare: two legend entries with a line each. */
export function isDrawable(chart: ChartModel): boolean {
  return new Set(chart.series.filter((series) => series.points.length >= 2).map(groupOf)).size >= 2;
}

/** Candidate log ticks: powers of 2 for bytes (`32 B`, `64 B`, `1 KiB`), else 1, 2, 5 × 10^k. */
function listLogSteps(kind: ValueKind, min: number, max: number): number[] {
  if (kind === 'bytes') {
    return Array.from({ length: Math.ceil(Math.log2(max)) + 2 }, (_, power) => 2 ** power);
  }
  const steps: number[] = [];
  for (let power = Math.floor(Math.log10(min)) - 1; power <= Math.ceil(Math.log10(max)); power += 1) {
    for (const step of [1, 2, 5]) steps.push(step * 10 ** power);
  }
  return steps;
}

/**
 * Log-axis ticks from the last step at or below the smallest value to the first at or above the
 * largest, labelled in the unit of `kind` (`200 µs`, `1 ms`, `5 ms`): vega's own log ticks label
 * every integer multiple. The SVG spans the axis from the first tick to the last, so both ends
 * are labelled.
 */
export function buildLogTicks(series: readonly ChartSeries[], kind: ValueKind): AxisTick[] {
  const ys = series.flatMap((s) => s.points.map((point) => point.y)).filter((y) => y > 0);
  if (ys.length === 0) return [];
  const [min, max] = [Math.min(...ys), Math.max(...ys)];
  const steps = listLogSteps(kind, min, max);
  const first = steps.findLastIndex((value) => value <= min);
  const last = steps.findIndex((value) => value >= max);
  return steps.slice(Math.max(first, 0), last + 1).map((value) => ({ value, label: formatValueOfKind(kind, value) }));
}

/** Ticks at the first, middle and last second the series cover: `1 s`, `3 s`, `5 s`. */
export function buildSecondTicks(series: readonly ChartSeries[]): AxisTick[] {
  const seconds = series.flatMap((s) => s.points.map((point) => point.x));
  if (seconds.length === 0) return [];
  const first = Math.min(...seconds);
  const last = Math.max(...seconds);
  return [...new Set([first, (first + last) / 2, last])].map((value) => ({
    value,
    label: `${Number(value.toFixed(1))} s`,
  }));
}
