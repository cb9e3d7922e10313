import { describe, expect, it } from 'vitest';
import { buildFixtureDocument, buildSyntheticCell } from '../../test/support/report-fixtures.js';
import { findXmlError } from '../xml-check.js';
import { renderAsciiChart } from './ascii-chart.js';
import { buildCharts } from './build-charts.js';
import { groupOf, type ChartModel } from './chart-model.js';
import { renderSvgChart } from './svg-chart.js';

const doc = buildFixtureDocument();
const charts = buildCharts(doc);

function findChart(id: string): ChartModel {
  const chart = charts.find((c) => c.id === id);
  if (chart === undefined) throw new Error(`no chart ${id}; have ${charts.map((c) => c.id).join(', ')}`);
  return chart;
}

describe('chart models', () => {
  it('builds the latency, payload-size and byte charts the fixture supports, and no others', () => {
    expect(charts.map((chart) => chart.id)).toEqual([
      'steady-latency-percentiles',
      'steady-latency-timeline',
      'fan-out-latency-percentiles',
      'fan-out-latency-timeline',
      'chat-latency-percentiles',
      'wire-overhead-by-payload',
      'wire-efficiency-by-payload',
      'reconnect-reset-timeline',
      'reconnect-half-open-timeline',
    ]);
  });

  it('puts both transports on the same axes, and the TCP floor beside them in steady', () => {
    const percentiles = findChart('steady-latency-percentiles');
    expect([...new Set(percentiles.series.map(groupOf))]).toEqual(['SSE', 'WebSocket', 'TCP floor']);
    expect(findChart('wire-overhead-by-payload').series.map((s) => s.name)).toEqual([
      'SSE text',
      'WebSocket text',
      'SSE binary',
      'WebSocket binary',
    ]);
  });

  it("draws every repeat's percentile curve: the median repeat (by p99) bold, the others faint, on a log latency axis", () => {
    const chart = findChart('steady-latency-percentiles');
    expect(chart.yScale).toBe('log');
    const sse = chart.series.filter((s) => groupOf(s) === 'SSE');
    expect(sse).toHaveLength(3);
    expect(sse.filter((s) => s.faint !== true).map((s) => s.name)).toEqual(['SSE']);
    for (const s of sse.filter((r) => r.faint === true)) expect(s.name).toMatch(/^SSE repeat [123]$/);
    const p99 = (s: (typeof sse)[number]): number => s.points.find((point) => Math.abs(point.x - 2) < 1e-9)!.y;
    const sorted = sse.map(p99).sort((a, b) => a - b);
    expect(p99(sse.find((s) => s.faint !== true)!)).toBe(sorted[1]);
    expect(chart.yTicks?.map((tick) => tick.label)).toContain('1 ms');
  });

  it('plots overhead bytes per message on log axes and efficiency against payload size, per transport and kind', () => {
    const overhead = findChart('wire-overhead-by-payload');
    expect([overhead.xScale, overhead.yScale]).toEqual(['log', 'log']);
    expect(overhead.series[0]!.points).toEqual([
      { x: 16, y: 61 },
      { x: 256, y: 61 },
      { x: 4096, y: 61 },
    ]);
    const efficiency = findChart('wire-efficiency-by-payload');
    expect(
      efficiency.series.find((s) => s.name === 'WebSocket binary')!.points.map((p) => Math.round(p.y * 10) / 10),
    ).toEqual([34.8, 88.9, 99.2]);
  });

  it('stops the percentile curve where the histogram has too few values', () => {
    const steadyLast = findChart('steady-latency-percentiles').series[0]!.points.at(-1)!;
    const fanOutLast = findChart('fan-out-latency-percentiles').series[0]!.points.at(-1)!;
    expect(steadyLast.x).toBeCloseTo(4, 5); // p99.99 from 150,000 merged values
    expect(fanOutLast.x).toBeLessThan(3.5); // 2,400 merged values: not past p99.9x
  });

  it('draws the throughput chart from max-throughput only when it sweeps payload sizes', () => {
    const swept = buildFixtureDocument();
    for (const [index, cell] of swept.cells.filter((c) => c.scenario === 'max-throughput').entries()) {
      const copy = structuredClone(cell);
      copy.params = { ...copy.params, payloadBytes: 4096 };
      copy.summary['throughput_msgs_per_sec']!.median /= 2 + index;
      swept.cells.push(copy);
    }
    const chart = buildCharts(swept).find((c) => c.id === 'throughput-by-payload');
    expect(chart?.series.map((s) => s.points.map((p) => p.x))).toEqual([
      [64, 4096],
      [64, 4096],
      [64, 4096],
      [64, 4096],
    ]);
  });

  it('draws a reconnection timeline per reconnect-* scenario, counted per 100 ms bucket as the cells record', () => {
    const chart = findChart('reconnect-reset-timeline');
    expect(chart.series.map((s) => s.name)).toEqual([
      'SSE (sse-resume)',
      'SSE (sse-no-resume)',
      'WebSocket (ws-resume)',
      'WebSocket (ws-no-resume)',
    ]);
    expect(chart.yLabel).toBe('messages received per 100 ms, all connections');
    expect(chart.title).toMatch(/^Messages received per 100 ms through the fault \(reconnect-reset;/);
    expect(chart.series[0]!.points.slice(0, 6)).toEqual([
      { x: 0, y: 550 },
      { x: 0.1, y: 490 },
      { x: 0.2, y: 510 },
      { x: 0.3, y: 20 },
      { x: 0.4, y: 0 },
      { x: 0.5, y: 1176 },
    ]);
  });

  it("reads the bucket from the timeline's spacing without a timelineBucketMs, and scales wider buckets to the narrowest", () => {
    const withFaults = buildFixtureDocument();
    withFaults.cells = withFaults.cells.filter((cell) => cell.scenario !== 'reconnect-reset');
    const perSecond = (gapSeconds: number) =>
      Array.from({ length: 6 }, (_, second) => ({
        tMs: (second + 1) * 1000,
        count: second >= 2 && second < 2 + gapSeconds ? 0 : 1000,
        p50Us: 400,
        p99Us: 900,
      }));
    for (const [transport, gap] of [
      ['sse', 1],
      ['ws', 2],
    ] as const) {
      const cell = buildSyntheticCell({
        scenario: 'reconnect-reset',
        transport,
        params: { resume: true },
        medians: { reconnect_p50_ms: 900 * gap },
      });
      for (const run of cell.runs) run.timeline = perSecond(gap);
      withFaults.cells.push(cell);
    }
    const perSecondChart = buildCharts(withFaults).find((c) => c.id === 'reconnect-reset-timeline');
    expect(perSecondChart?.series.map((s) => s.name)).toEqual(['SSE resume=true', 'WebSocket resume=true']);
    expect(perSecondChart?.yLabel).toBe('messages received per second, all connections');
    expect(perSecondChart!.series[1]!.points.map((p) => p.y)).toEqual([1000, 1000, 0, 0, 1000, 1000]);
    withFaults.cells.at(-2)!.params['timelineBucketMs'] = 500;
    const mixed = buildCharts(withFaults).find((c) => c.id === 'reconnect-reset-timeline');
    expect(mixed?.yLabel).toBe('messages received per 500 ms, all connections');
    expect(mixed!.series[1]!.points.map((p) => p.y)).toEqual([500, 500, 0, 0, 500, 500]);
  });

  it('names the bucket of a latency timeline: per second in steady, per 100 ms where the cell says so', () => {
    expect(findChart('steady-latency-timeline').title).toMatch(/^p99 latency per second \(steady;/);
    const bucketed = buildFixtureDocument();
    for (const cell of bucketed.cells.filter((c) => c.scenario === 'steady')) cell.params['timelineBucketMs'] = 100;
    expect(buildCharts(bucketed).find((c) => c.id === 'steady-latency-timeline')?.title).toMatch(
      /^p99 latency per 100 ms \(steady;/,
    );
  });

  it('skips a chart with no data instead of drawing it empty', () => {
    const bare = buildFixtureDocument();
    bare.cells = bare.cells.filter((cell) => cell.scenario !== 'wire');
    for (const cell of bare.cells)
      for (const run of cell.runs) {
        run.histograms = {};
        delete run.timeline;
      }
    expect(buildCharts(bare)).toEqual([]);
  });
});

describe('text charts', () => {
  it('draws every series with its own line style, with axis labels and a legend', () => {
    const text = renderAsciiChart(findChart('steady-latency-percentiles'));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Latency by percentile (steady; every repeat)');
    expect(lines[1]).toBe('y: one-way latency (log scale)');
    expect(text).toMatch(/─/);
    expect(text).toMatch(/━/);
    expect(text).toMatch(/═/);
    expect(text).toMatch(/p50 +p90 +p99 +p99\.9 +p99\.99/);
    expect(lines.at(-2)).toBe('── SSE   ━━ WebSocket   ══ TCP floor');
    expect(lines.at(-1)).toBe('(the median repeat of each; every repeat is in the SVG)');
    expect(text).not.toContain('\u001b[');
  });

  it('lines the plots up on one axis column', () => {
    const plotLines = renderAsciiChart(findChart('steady-latency-timeline'))
      .split('\n')
      .filter((line) => /[┤┼]/.test(line));
    const axisColumns = new Set(plotLines.map((line) => line.search(/[┤┼]/)));
    expect(plotLines.length).toBeGreaterThan(5);
    expect(axisColumns.size).toBe(1);
  });
});

describe('SVG charts', () => {
  it.each(charts.map((chart) => [chart.id, chart] as const))(
    '%s is well-formed XML naming both series',
    async (_, chart) => {
      const svg = await renderSvgChart(chart);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(findXmlError(svg)).toBeUndefined();
      // One legend, naming every transport (or variant) once; repeats share their transport's entry.
      for (const group of new Set(chart.series.map(groupOf))) expect(svg.split(`>${group}<`)).toHaveLength(2);
    },
  );

  it('renders the same bytes twice', async () => {
    const chart = findChart('steady-latency-percentiles');
    expect(await renderSvgChart(chart)).toBe(await renderSvgChart(chart));
  });
});
