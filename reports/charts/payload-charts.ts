/**
 * Charts against payload size: throughput (from `max-throughput` when it sweeps sizes, else from
 * `wire`) and bytes on the wire per message (from `wire`).
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { formatBytes } from '../format.js';
import type { ValueKind } from '../metric-info.js';
import { cellsOf, describeCell, metricMedian, payloadBytesOf, scenarioStatus } from '../results-query.js';
import { isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';

interface PayloadChartSpec {
  id: string;
  title: string;
  metric: string;
  yLabel: string;
  yKind: ValueKind;
  /** Which cells measure this figure: throughput means capacity only when the rate was unbounded. */
  acceptsCell: (cell: CellResult) => boolean;
}

/** Rate 0 means "as fast as backpressure allows"; a fixed rate caps throughput at the schedule. */
function ranUnbounded(cell: CellResult): boolean {
  const rate = cell.params['ratePerSec'];
  return rate === undefined || rate === 0;
}

const THROUGHPUT_CHART: PayloadChartSpec = {
  id: 'throughput-by-payload',
  title: 'Throughput against payload size',
  metric: 'throughput_msgs_per_sec',
  yLabel: 'messages per second',
  yKind: 'rate-msgs',
  acceptsCell: ranUnbounded,
};

const BYTES_CHART: PayloadChartSpec = {
  id: 'wire-bytes-by-payload',
  title: 'Bytes on the wire per message (server to client) against payload size',
  metric: 'wire_bytes_down_per_msg',
  yLabel: 'bytes per message (B)',
  yKind: 'bytes',
  acceptsCell: () => true,
};

/** `SSE`, or `SSE binary` when the cells mix payload kinds (each kind is its own line). */
function seriesName(cell: CellResult, mixedKinds: boolean): string {
  const kind = cell.params['kind'];
  return mixedKinds && kind !== undefined ? `${describeCell(cell)} ${String(kind)}` : describeCell(cell);
}

function buildSeries(cells: readonly CellResult[], metric: string): ChartSeries[] {
  const mixedKinds = new Set(cells.map((cell) => String(cell.params['kind']))).size > 1;
  const byName = new Map<string, ChartSeries>();
  for (const cell of cells) {
    const size = payloadBytesOf(cell);
    const value = metricMedian(cell, metric);
    if (size === undefined || value === undefined) continue;
    const name = seriesName(cell, mixedKinds);
    const series = byName.get(name) ?? { name, points: [] };
    series.points.push({ x: size, y: value });
    byName.set(name, series);
  }
  for (const series of byName.values()) series.points.sort((a, b) => a.x - b.x);
  return [...byName.values()];
}

function buildPayloadChart(doc: ResultsDocument, scenario: string, spec: PayloadChartSpec): ChartModel | undefined {
  if (scenarioStatus(doc, scenario).kind !== 'ran') return undefined;
  const series = buildSeries(cellsOf(doc, scenario).filter((cell) => cell.transport !== 'tcp' && spec.acceptsCell(cell)), spec.metric);
  const sizes = [...new Set(series.flatMap((s) => s.points.map((point) => point.x)))].sort((a, b) => a - b);
  const chart: ChartModel = {
    id: spec.id,
    title: `${spec.title} (${scenario})`,
    scenario,
    xLabel: 'payload size (bytes, log scale)',
    yLabel: spec.yLabel,
    xScale: 'log',
    xTicks: sizes.map((size) => ({ value: size, label: formatBytes(size) })),
    yKind: spec.yKind,
    series,
  };
  return isDrawable(chart) ? chart : undefined;
}

/** Throughput and bytes per message against payload size, when a scenario swept sizes. */
export function buildPayloadCharts(doc: ResultsDocument): ChartModel[] {
  const throughput = buildPayloadChart(doc, 'max-throughput', THROUGHPUT_CHART) ?? buildPayloadChart(doc, 'wire', THROUGHPUT_CHART);
  const bytes = buildPayloadChart(doc, 'wire', BYTES_CHART);
  return [throughput, bytes].filter((chart): chart is ChartModel => chart !== undefined);
}
