/**
 * A chart model drawn as SVG by vega-lite and vega, headless (renderer `none`: no canvas, no DOM).
 * Text is measured by vega's estimate rather than a font, so the same model always yields the same
 * bytes on any machine.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { AxisTick, ChartModel } from './chart-model.js';

const CHART_WIDTH_PX = 560;
const CHART_HEIGHT_PX = 300;

/** A vega expression that prints each tick's own label (percentiles as `p99.9`, sizes as `1 KiB`). */
function buildLabelExpression(ticks: readonly AxisTick[]): string {
  const cases = ticks.map((tick) => `abs(datum.value - ${tick.value}) < ${Math.abs(tick.value) * 1e-9 + 1e-12} ? ${JSON.stringify(tick.label)}`);
  return [...cases, 'datum.label'].join(' : ');
}

/**
 * The vega-lite spec: one line per series, colour and dash both keyed to the series name (so the
 * lines stay apart in grey print). Both channels share an explicit scale domain, which keeps the
 * model's series order and lets vega-lite merge them into one legend (a `sort` would split it).
 */
export function buildVegaLiteSpec(chart: ChartModel): TopLevelSpec {
  const seriesNames = chart.series.map((series) => series.name);
  // labelLimit 0: never truncate a legend entry (`WebSocket (ws-no-resume)` must be read whole).
  const legendEncoding = { field: 'series', type: 'nominal', scale: { domain: seriesNames }, title: null, legend: { labelLimit: 0 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    background: 'white',
    data: { values: chart.series.flatMap((series) => series.points.map((point) => ({ series: series.name, x: point.x, y: point.y }))) },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: chart.xLabel,
        scale: chart.xScale === 'log' ? { type: 'log', nice: false } : { zero: false, nice: false },
        axis: { values: chart.xTicks.map((tick) => tick.value), labelExpr: buildLabelExpression(chart.xTicks) },
      },
      y: { field: 'y', type: 'quantitative', title: chart.yLabel },
      color: legendEncoding,
      strokeDash: legendEncoding,
    },
  };
}

/** Renders the chart to an SVG string. */
export async function renderSvgChart(chart: ChartModel): Promise<string> {
  const vegaSpec = vl.compile(buildVegaLiteSpec(chart)).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
