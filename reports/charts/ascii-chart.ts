/**
 * A chart model drawn as text with asciichart, for the terminal and markdown text fences.
 *
 * asciichart draws every series with the same glyphs and tells them apart only by ANSI colour,
 * which markdown cannot show. So each series is plotted on its own with a shared y range (so the
 * grids line up) and its own line style (light, heavy, double…), and the plots are overlaid; the
 * legend names each style. asciichart also spaces points evenly, so the model's points are first
 * resampled onto evenly spaced columns of the x scale (linear or log), and a log y scale is drawn
 * by plotting log10(y) and labelling the rows with 10^row. Faint series (the other repeats) are
 * left to the SVG: in text they would only cover the typical line.
 */
import asciichart from 'asciichart';
import { formatValueOfKind } from '../metric-info.js';
import type { ChartModel, ChartPoint, ChartSeries } from './chart-model.js';

type Symbols = [string, string, string, string, string, string, string, string, string, string];

/** Line styles in legend order; the first two glyphs are asciichart's axis and must stay. */
const LINE_STYLES: readonly { legend: string; symbols: Symbols }[] = [
  { legend: '──', symbols: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'] },
  { legend: '━━', symbols: ['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'] },
  { legend: '══', symbols: ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'] },
  { legend: '--', symbols: ['┼', '┤', '-', '-', '-', '+', '+', '+', '+', '|'] },
  { legend: '··', symbols: ['┼', '┤', '·', '·', '·', '·', '·', '·', '·', '·'] },
];

export interface AsciiChartOptions {
  /** Plot columns, not counting the y labels. */
  width: number;
  /** Plot rows. */
  height: number;
}

const DEFAULT_OPTIONS: AsciiChartOptions = { width: 60, height: 12 };
const AXIS_GLYPHS = /[┤┼]/;
// asciichart only emits colour codes when given colours; stripping anyway keeps markdown clean.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is the character this strips
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/** A column index for each x, on the chart's scale. */
function createColumnScale(chart: ChartModel, width: number): (x: number) => number {
  const transform =
    chart.xScale === 'log' ? (x: number) => Math.log10(Math.max(x, Number.MIN_VALUE)) : (x: number) => x;
  const xs = chart.series.flatMap((series) => series.points.map((point) => transform(point.x)));
  const min = Math.min(...xs);
  const span = Math.max(...xs) - min;
  return (x: number) => (span === 0 ? 0 : Math.round(((transform(x) - min) / span) * width));
}

interface Resampled {
  /** Values for columns 0…lastColumn; columns before firstColumn repeat the first value. */
  values: number[];
  firstColumn: number;
}

/** Linear interpolation between the series' points, one value per column it covers. */
function resampleSeries(points: readonly ChartPoint[], toColumn: (x: number) => number): Resampled {
  const columns = points.map((point) => ({ column: toColumn(point.x), y: point.y }));
  const firstColumn = columns[0]?.column ?? 0;
  const values: number[] = [];
  for (let column = 0; column <= (columns.at(-1)?.column ?? 0); column += 1) {
    const nextIndex = columns.findIndex((point) => point.column >= column);
    const next = columns[Math.max(nextIndex, 0)]!;
    const previous = columns[Math.max(nextIndex - 1, 0)]!;
    const span = next.column - previous.column;
    values.push(span <= 0 ? next.y : previous.y + ((next.y - previous.y) * (column - previous.column)) / span);
  }
  return { values, firstColumn };
}

/** Maps y onto the plotted scale and back: identity, or log10 for a log axis. */
function createYScale(chart: ChartModel): { toPlot: (y: number) => number; fromPlot: (v: number) => number } {
  if (chart.yScale !== 'log') return { toPlot: (y) => y, fromPlot: (v) => v };
  return { toPlot: (y) => Math.log10(Math.max(y, Number.MIN_VALUE)), fromPlot: (v) => 10 ** v };
}

/** Pads labels to one width, so every series' plot lines up on the same axis column. */
function createLabelFormatter(chart: ChartModel, min: number, max: number, height: number): (value: number) => string {
  const { fromPlot } = createYScale(chart);
  const label = (value: number): string => formatValueOfKind(chart.yKind, fromPlot(value));
  const samples = Array.from({ length: height + 1 }, (_, row) => label(min + ((max - min) * row) / height));
  const labelWidth = Math.max(...samples.map((text) => text.length)) + 1;
  return (value: number) => label(value).padStart(labelWidth);
}

interface PlotLines {
  prefixes: string[];
  axes: string[];
  plots: string[][];
}

function splitPlot(text: string): PlotLines {
  const lines = text.split('\n');
  const axisIndexes = lines.map((line) => line.search(AXIS_GLYPHS));
  return {
    prefixes: lines.map((line, row) => line.slice(0, axisIndexes[row])),
    axes: lines.map((line, row) => line.charAt(axisIndexes[row]!)),
    plots: lines.map((line, row) => Array.from(line.slice(axisIndexes[row]! + 1))),
  };
}

/** Later series are drawn over earlier ones; the axis keeps a start marker only for series at x=0. */
function overlayPlots(layers: readonly { lines: PlotLines; firstColumn: number }[], width: number): string[] {
  const base = layers[0]!.lines;
  return base.prefixes.map((prefix, row) => {
    const cells = Array.from({ length: width }, () => ' ');
    let axis = base.axes[row] === '┼' && layers[0]!.firstColumn === 0 ? '┼' : '┤';
    for (const { lines, firstColumn } of layers) {
      if (firstColumn === 0 && lines.axes[row] === '┼') axis = '┼';
      lines.plots[row]!.forEach((glyph, column) => {
        if (column >= firstColumn && glyph !== ' ') cells[column] = glyph;
      });
    }
    return `${prefix}${axis}${cells.join('').trimEnd()}`;
  });
}

/** Tick labels under their columns; ticks outside the plot or overlapping the previous one are skipped. */
function renderTickLine(chart: ChartModel, toColumn: (x: number) => number, indent: number, width: number): string {
  let line = '';
  for (const tick of chart.xTicks) {
    if (toColumn(tick.value) < 0 || toColumn(tick.value) > width) continue;
    const start = Math.max(indent + 1 + toColumn(tick.value) - Math.floor(tick.label.length / 2), 0);
    if (start < line.length + 1 && line.length > 0) continue;
    line = line.padEnd(start) + tick.label;
  }
  return line;
}

function renderLegend(series: readonly ChartSeries[]): string {
  return series.map((s, index) => `${LINE_STYLES[index]!.legend} ${s.name}`).join('   ');
}

/**
 * Draws the chart as text: title, y label, the overlaid plot, an x axis with ticks and label, and
 * a legend. Only the first five series are drawn (one per line style); the SVG shows them all.
 */
export function renderAsciiChart(chart: ChartModel, options: Partial<AsciiChartOptions> = {}): string {
  const { width, height } = { ...DEFAULT_OPTIONS, ...options };
  const typical = chart.series.filter((s) => s.points.length > 0 && s.faint !== true);
  const series = typical.slice(0, LINE_STYLES.length);
  const toColumn = createColumnScale(chart, width);
  const { toPlot } = createYScale(chart);
  const resampled = series.map((s) =>
    resampleSeries(
      s.points.map((point) => ({ x: point.x, y: toPlot(point.y) })),
      toColumn,
    ),
  );
  const ys = resampled.flatMap((r) => r.values);
  const min = Math.min(...ys);
  const max = Math.max(...ys) > min ? Math.max(...ys) : min + 1;
  const format = createLabelFormatter(chart, min, max, height);
  const layers = resampled.map((r, index) => ({
    lines: splitPlot(asciichart.plot(r.values, { min, max, height, format, symbols: LINE_STYLES[index]!.symbols })),
    firstColumn: r.firstColumn,
  }));
  const indent = layers[0]!.lines.prefixes[0]!.length;
  const lines = [
    chart.title,
    `y: ${chart.yLabel}`,
    ...overlayPlots(layers, width),
    `${' '.repeat(indent)}└${'─'.repeat(width)}`,
    renderTickLine(chart, toColumn, indent, width),
    `${' '.repeat(indent + 1)}x: ${chart.xLabel}`,
    renderLegend(series),
  ];
  const hidden = typical.length - series.length;
  if (hidden > 0) lines.push(`(${hidden} more series in the SVG)`);
  if (typical.length < chart.series.length) lines.push('(the median repeat of each; every repeat is in the SVG)');
  return lines.map((line) => line.replace(ANSI_ESCAPES, '').trimEnd()).join('\n');
}
