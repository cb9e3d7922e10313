/**
 * A chart model drawn as SVG by vega-lite and vega, headless (renderer `none`: no canvas, no DOM).
 * Text is measured by vega's estimate rather than a font, so the same model always yields the same
 * bytes on any machine.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { groupOf, type AxisTick, type ChartModel } from './chart-model.js';

const CHART_WIDTH_PX = 560;
const CHART_HEIGHT_PX = 300;
/** The typical repeat's line, and the other repeats' behind it: thin and light, but visible. */
const MAIN_STROKE_PX = 2.25;
const FAINT_STROKE_PX = 1;
const FAINT_OPACITY = 0.35;

/** A vega expression that prints each tick's own label (percentiles as `p99.9`, sizes as `1 KiB`). */
function buildLabelExpression(ticks: readonly AxisTick[]): string {
  const cases = ticks.map(
    (tick) =>
      `abs(datum.value - ${tick.value}) < ${Math.abs(tick.value) * 1e-9 + 1e-12} ? ${JSON.stringify(tick.label)}`,
  );
  return [...cases, 'datum.label'].join(' : ');
}

function buildAxis(ticks: readonly AxisTick[] | undefined): Record<string, unknown> {
  return ticks === undefined || ticks.length === 0
    ? {}
    : { values: ticks.map((tick) => tick.value), labelExpr: buildLabelExpression(ticks) };
}

/** Log scales drop points at or below zero (a zero overhead, say) rather than failing to draw. */
function buildDataValues(chart: ChartModel): Record<string, unknown>[] {
  return chart.series.flatMap((series) =>
    series.points
      .filter((point) => chart.yScale !== 'log' || point.y > 0)
      .map((point) => ({
        series: series.name,
        group: groupOf(series),
        faint: series.faint === true,
        x: point.x,
        y: point.y,
      })),
  );
}

/** A log axis spans its ticks (buildLogTicks puts one at or beyond each end of the data). */
function buildYScale(chart: ChartModel): Record<string, unknown> {
  if (chart.yScale !== 'log') return {};
  const ticks = chart.yTicks ?? [];
  const ends = ticks.length >= 2 ? { domain: [ticks[0]!.value, ticks.at(-1)!.value] } : {};
  return { type: 'log', nice: false, ...ends };
}

function describeRepeats(chart: ChartModel): string | undefined {
  return chart.series.some((series) => series.faint === true)
    ? 'bold: the median repeat · faint: the other repeats'
    : undefined;
}

/**
 * The vega-lite spec: one line per series, colour and dash both keyed to the legend group (so the
 * lines stay apart in grey print), and `detail` keeping each repeat its own line. Both channels
 * share an explicit scale domain, which keeps the model's order and lets vega-lite merge them into
 * one legend (a `sort` would split it). Faint repeats form a layer under the typical ones.
 */
export function buildVegaLiteSpec(chart: ChartModel): TopLevelSpec {
  const groups = [...new Set(chart.series.map(groupOf))];
  // labelLimit 0: never truncate a legend entry (`WebSocket (ws-no-resume)` must be read whole).
  // symbolOpacity 1: the legend must not take the faint layer's look.
  const legend = { labelLimit: 0, symbolType: 'stroke', symbolStrokeWidth: MAIN_STROKE_PX, symbolOpacity: 1 };
  const legendEncoding = { field: 'group', type: 'nominal', scale: { domain: groups }, title: null, legend } as const;
  const encoding = {
    x: {
      field: 'x',
      type: 'quantitative',
      title: chart.xLabel,
      scale: chart.xScale === 'log' ? { type: 'log', nice: false } : { zero: false, nice: false },
      axis: buildAxis(chart.xTicks),
    },
    y: {
      field: 'y',
      type: 'quantitative',
      title: chart.yLabel,
      scale: buildYScale(chart),
      axis: buildAxis(chart.yTicks),
    },
    color: legendEncoding,
    strokeDash: legendEncoding,
    detail: { field: 'series', type: 'nominal' },
  } as const;
  const hasFaint = chart.series.some((series) => series.faint === true);
  const subtitle = describeRepeats(chart);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle === undefined ? chart.title : { text: chart.title, subtitle },
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    background: 'white',
    data: { values: buildDataValues(chart) },
    encoding,
    layer: [
      ...(hasFaint
        ? [
            {
              transform: [{ filter: 'datum.faint' }],
              mark: { type: 'line', strokeWidth: FAINT_STROKE_PX, opacity: FAINT_OPACITY },
            } as const,
          ]
        : []),
      {
        transform: [{ filter: '!datum.faint' }],
        mark: { type: 'line', point: true, strokeWidth: MAIN_STROKE_PX },
      } as const,
    ],
  } as TopLevelSpec;
}

/** Renders any vega-lite spec to an SVG string, headless. */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders the chart to an SVG string. */
export async function renderSvgChart(chart: ChartModel): Promise<string> {
  return renderVegaLiteSvg(buildVegaLiteSpec(chart));
}
