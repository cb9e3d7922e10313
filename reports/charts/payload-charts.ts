/**
 * Charts against payload size, on a log size axis: throughput (from `max-throughput` when it sweeps
 * sizes, else from `wire`), and from `wire` the overhead bytes each message adds (log: 30 B beside
 * 60 B must show at 16 B payloads and at 64 KiB alike) and the efficiency, payload ÷ wire bytes.
 * Total bytes per message are not charted: against size they are the payload, and hide the rest.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { TCP_FAMILY } from '../../transports/families.js';
import { formatBytes } from '../format.js';
import type { ValueKind } from '../metric-info.js';
import {
  cellsOf,
  describeCell,
  metricMedian,
  payloadBytesOf,
  scenarioStatus,
  onPlainTransport,
} from '../results-query.js';
import { buildLogTicks, isDrawable, type ChartModel, type ChartSeries } from './chart-model.js';

interface PayloadChartSpec {
  id: string;
  title: string;
  /** The figure plotted for a cell, or undefined when the cell lacks it. */
  readValue: (cell: CellResult) => number | undefined;
  yLabel: string;
  yScale: 'linear' | 'log';
  yKind: ValueKind;
  /** Which cells measure this figure: throughput means capacity only when the rate was unbounded. */
  acceptsCell: (cell: CellResult) => boolean;
}

/** Rate 0 means "as fast as backpressure allows"; a fixed rate caps throughput at the schedule. */
function ranUnbounded(cell: CellResult): boolean {
  const rate = cell.params['ratePerSec'];
  return rate === undefined || rate === 0;
}

const WIRE_BYTES = 'wire_bytes_down_per_msg';

/** The recorded overhead, else wire bytes minus the payload (cells before the split was recorded). */
function readOverheadBytes(cell: CellResult): number | undefined {
  const recorded = metricMedian(cell, 'overhead_bytes_down_per_msg');
  const wire = metricMedian(cell, WIRE_BYTES);
  const payload = payloadBytesOf(cell);
  return recorded ?? (wire === undefined || payload === undefined ? undefined : wire - payload);
}

/** The recorded efficiency, else payload ÷ wire bytes, in percent. */
function readEfficiencyPct(cell: CellResult): number | undefined {
  const recorded = metricMedian(cell, 'efficiency_pct');
  const wire = metricMedian(cell, WIRE_BYTES);
  const payload = payloadBytesOf(cell);
  return recorded ?? (wire === undefined || payload === undefined || wire === 0 ? undefined : (100 * payload) / wire);
}

const THROUGHPUT_CHART: PayloadChartSpec = {
  id: 'throughput-by-payload',
  title: 'Throughput against payload size',
  readValue: (cell) => metricMedian(cell, 'throughput_msgs_per_sec'),
  yLabel: 'messages per second (log scale)',
  yScale: 'log',
  yKind: 'rate-msgs',
  acceptsCell: ranUnbounded,
};

const OVERHEAD_CHART: PayloadChartSpec = {
  id: 'wire-overhead-by-payload',
  title: 'Overhead per message (wire − payload bytes, server to client) against payload size',
  readValue: readOverheadBytes,
  yLabel: 'overhead per message (log scale)',
  yScale: 'log',
  yKind: 'bytes',
  acceptsCell: () => true,
};

const EFFICIENCY_CHART: PayloadChartSpec = {
  id: 'wire-efficiency-by-payload',
  title: 'Efficiency (payload ÷ wire bytes, server to client) against payload size',
  readValue: readEfficiencyPct,
  yLabel: 'payload share of the bytes on the wire (%)',
  yScale: 'linear',
  yKind: 'percent',
  acceptsCell: () => true,
};

/** `SSE`, or `SSE binary` when the cells mix payload kinds (each kind is its own line). */
function seriesName(cell: CellResult, mixedKinds: boolean): string {
  const kind = cell.params['kind'];
  return mixedKinds && kind !== undefined ? `${describeCell(cell)} ${String(kind)}` : describeCell(cell);
}

function buildSeries(cells: readonly CellResult[], readValue: PayloadChartSpec['readValue']): ChartSeries[] {
  const mixedKinds = new Set(cells.map((cell) => String(cell.params['kind']))).size > 1;
  const byName = new Map<string, ChartSeries>();
  for (const cell of cells) {
    const size = payloadBytesOf(cell);
    const value = readValue(cell);
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
  const series = buildSeries(
    cellsOf(doc, scenario).filter((cell) => !onPlainTransport(cell, TCP_FAMILY) && spec.acceptsCell(cell)),
    spec.readValue,
  );
  const sizes = [...new Set(series.flatMap((s) => s.points.map((point) => point.x)))].sort((a, b) => a - b);
  const chart: ChartModel = {
    id: spec.id,
    title: `${spec.title} (${scenario})`,
    scenario,
    xLabel: 'payload size (bytes, log scale)',
    yLabel: spec.yLabel,
    xScale: 'log',
    xTicks: sizes.map((size) => ({ value: size, label: formatBytes(size) })),
    yScale: spec.yScale,
    ...(spec.yScale === 'log' ? { yTicks: buildLogTicks(series, spec.yKind) } : {}),
    yKind: spec.yKind,
    series,
  };
  return isDrawable(chart) ? chart : undefined;
}

/** Throughput and bytes per message against payload size, when a scenario swept sizes. */
export function buildPayloadCharts(doc: ResultsDocument): ChartModel[] {
  const throughput =
    buildPayloadChart(doc, 'max-throughput', THROUGHPUT_CHART) ?? buildPayloadChart(doc, 'wire', THROUGHPUT_CHART);
  const wire = [OVERHEAD_CHART, EFFICIENCY_CHART].map((spec) => buildPayloadChart(doc, 'wire', spec));
  return [throughput, ...wire].filter((chart): chart is ChartModel => chart !== undefined);
}
