/**
 * What one scenario's page says, as data for both renderers (REPORT.md's scenario files and
 * report.html): for each condition a table of every metric with SSE and WS side by side, their
 * ratio and the TCP floor; then the harness overhead, warnings, charts and the exact server and
 * client configuration of every cell. Cell text is plain: each renderer adds its own markup.
 */
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { plainTransportOf, SSE_FAMILY, TCP_FAMILY, WS_FAMILY } from '../transports/families.js';
import type { ChartModel } from './charts/chart-model.js';
import { collectCellWarnings } from './cell-warnings.js';
import { claimsAnsweredBy } from './claims.js';
import { computeRatio, formatMedianWithSpread, formatRatio } from './format.js';
import { formatMetricValue, orderMetricNames } from './metric-info.js';
import { computeHarnessOverhead, describeHarnessOverhead } from './summary.js';
import {
  cellsOf,
  describeCell,
  findTcpFloor,
  groupConditions,
  metricSummary,
  onPlainTransport,
  primaryCell,
  scenarioStatus,
  type Condition,
} from './results-query.js';

/** A table: a header row, body rows of plain text, and which columns are figures (right-aligned). */
export interface TableModel {
  headers: string[];
  rows: string[][];
  align?: ('left' | 'right')[];
}

export interface ConditionTable {
  /** `size=1024, kind=binary`; empty when the scenario sweeps nothing. */
  label: string;
  /** Undefined when no successful repeat recorded a metric. */
  table: TableModel | undefined;
}

export interface ScenarioContent {
  name: string;
  /** The scenario's description and the claims it answers. */
  intro: string;
  /** `ran`, or why there are no figures: not run, every repeat failed. */
  status: 'ran' | 'not-run' | 'all-failed';
  conditions: ConditionTable[];
  /** The harness-overhead scenario's ratio; empty elsewhere. */
  overhead: string;
  warnings: { cellId: string; text: string }[];
  charts: ChartModel[];
  configs: { cellId: string; json: string }[];
}

interface TableColumns {
  cells: CellResult[];
  sse?: CellResult;
  ws?: CellResult;
  floor?: CellResult;
}

/** SSE cells first, then WS, then anything else; each transport's primary cell leads. */
function orderColumns(doc: ResultsDocument, condition: Condition): TableColumns {
  const sse = primaryCell(condition.cells, SSE_FAMILY);
  const ws = primaryCell(condition.cells, WS_FAMILY);
  const order = [SSE_FAMILY, WS_FAMILY, TCP_FAMILY].map(plainTransportOf);
  const rank = (cell: CellResult): number => order.indexOf(cell.transport) * 2 + (cell === sse || cell === ws ? 0 : 1);
  const cells = [...condition.cells].sort((a, b) => rank(a) - rank(b));
  const floor =
    sse === undefined || cells.some((cell) => onPlainTransport(cell, TCP_FAMILY)) ? undefined : findTcpFloor(doc, sse);
  return { cells, ...(sse ? { sse } : {}), ...(ws ? { ws } : {}), ...(floor ? { floor } : {}) };
}

function formatCellMetric(cell: CellResult | undefined, metric: string): string {
  const summary = metricSummary(cell, metric);
  return summary === undefined ? '—' : formatMedianWithSpread(summary, (value) => formatMetricValue(metric, value));
}

function formatTransportRatio(columns: TableColumns, metric: string): string {
  const sse = metricSummary(columns.sse, metric)?.median;
  const ws = metricSummary(columns.ws, metric)?.median;
  return sse === undefined || ws === undefined ? '—' : formatRatio(computeRatio(ws, sse));
}

/** `WS/SSE`, or `ws/sse-post` when the cells compared are variants rather than the transports. */
function describeRatioHeader(columns: TableColumns): string {
  const { sse, ws } = columns;
  if (sse === undefined || ws === undefined || (sse.variant === sse.transport && ws.variant === ws.transport))
    return 'WS/SSE';
  return `WS/SSE (${ws.variant} ÷ ${sse.variant})`;
}

/** Every metric of the condition's cells, SSE and WS side by side; the first column is the metric name. */
export function buildConditionTable(doc: ResultsDocument, condition: Condition): TableModel | undefined {
  const columns = orderColumns(doc, condition);
  const withRatio = columns.sse !== undefined && columns.ws !== undefined;
  const headers = [
    'Metric',
    ...columns.cells.map(describeCell),
    ...(withRatio ? [describeRatioHeader(columns)] : []),
    ...(columns.floor ? ['TCP floor'] : []),
  ];
  const metrics = orderMetricNames(columns.cells.flatMap((cell) => Object.keys(cell.summary)));
  const rows = metrics.map((metric) => [
    metric,
    ...columns.cells.map((cell) => formatCellMetric(cell, metric)),
    ...(withRatio ? [formatTransportRatio(columns, metric)] : []),
    ...(columns.floor ? [formatCellMetric(columns.floor, metric)] : []),
  ]);
  return rows.length === 0 ? undefined : { headers, rows };
}

function describeScenarioIntro(doc: ResultsDocument, scenario: string): string {
  const record = doc.plan.scenarios.find((s) => s.name === scenario);
  if (record === undefined) return '';
  const answered = claimsAnsweredBy(scenario);
  const claims = answered.length === 0 ? '' : ` Claims: ${answered.join(', ')}.`;
  return `${record.description}${claims}`;
}

/** The harness-overhead section states its ratio, the figure that scenario exists to produce. */
function describeOverhead(doc: ResultsDocument, scenario: string): string {
  const overheads = scenario === 'harness-overhead' ? computeHarnessOverhead(doc) : [];
  return overheads.length === 0 ? '' : describeHarnessOverhead(overheads);
}

/** Everything one scenario's page shows; `charts` are the scenario's own, in report order. */
export function buildScenarioContent(
  doc: ResultsDocument,
  scenario: string,
  charts: readonly ChartModel[],
): ScenarioContent {
  const status = scenarioStatus(doc, scenario);
  const base = {
    name: scenario,
    intro: describeScenarioIntro(doc, scenario),
    conditions: [],
    overhead: '',
    warnings: [],
    charts: [],
    configs: [],
  };
  if (status.kind === 'skipped' || status.kind === 'absent') return { ...base, status: 'not-run' };
  const cells = cellsOf(doc, scenario).filter((cell) => cell.runs.length > 0);
  return {
    ...base,
    status: status.kind === 'all-failed' ? 'all-failed' : 'ran',
    conditions: groupConditions(cells).map((condition) => ({
      label: condition.label,
      table: buildConditionTable(doc, condition),
    })),
    overhead: describeOverhead(doc, scenario),
    warnings: cells.flatMap((cell) =>
      collectCellWarnings(cell, doc.plan.repeats, doc.metricSpecs).map((text) => ({ cellId: cell.id, text })),
    ),
    charts: [...charts],
    configs: cells.map((cell) => ({ cellId: cell.id, json: JSON.stringify(cell.config, null, 2) })),
  };
}
