/**
 * One scenario's section of REPORT.md: for each condition a table of every metric with SSE and WS
 * side by side, their ratio and the TCP floor; then warnings, charts (text and SVG) and the exact
 * server and client configuration of every cell.
 */
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { renderAsciiChart } from './charts/ascii-chart.js';
import { chartSvgPath } from './charts/build-charts.js';
import type { ChartModel } from './charts/chart-model.js';
import { collectCellWarnings } from './cell-warnings.js';
import { computeRatio, formatMedianWithSpread, formatRatio } from './format.js';
import { formatMetricValue, orderMetricNames } from './metric-info.js';
import { renderMarkdownTable } from './markdown-table.js';
import { computeHarnessOverhead, describeHarnessOverhead } from './summary.js';
import { cellsOf, describeCell, findTcpFloor, groupConditions, metricSummary, primaryCell, scenarioStatus, type Condition } from './results-query.js';

interface TableColumns {
  cells: CellResult[];
  sse?: CellResult;
  ws?: CellResult;
  floor?: CellResult;
}

/** SSE cells first, then WS, then anything else; each transport's primary cell leads. */
function orderColumns(doc: ResultsDocument, condition: Condition): TableColumns {
  const sse = primaryCell(condition.cells, 'sse');
  const ws = primaryCell(condition.cells, 'ws');
  const rank = (cell: CellResult): number => ['sse', 'ws', 'tcp'].indexOf(cell.transport) * 2 + (cell === sse || cell === ws ? 0 : 1);
  const cells = [...condition.cells].sort((a, b) => rank(a) - rank(b));
  const floor = sse === undefined || cells.some((cell) => cell.transport === 'tcp') ? undefined : findTcpFloor(doc, sse);
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
  if (sse === undefined || ws === undefined || (sse.variant === 'sse' && ws.variant === 'ws')) return 'WS/SSE';
  return `WS/SSE (${ws.variant} ÷ ${sse.variant})`;
}

function renderConditionTable(doc: ResultsDocument, condition: Condition): string {
  const columns = orderColumns(doc, condition);
  const withRatio = columns.sse !== undefined && columns.ws !== undefined;
  const headers = ['Metric', ...columns.cells.map(describeCell), ...(withRatio ? [describeRatioHeader(columns)] : []), ...(columns.floor ? ['TCP floor'] : [])];
  const metrics = orderMetricNames(columns.cells.flatMap((cell) => Object.keys(cell.summary)));
  const rows = metrics.map((metric) => [
    `\`${metric}\``,
    ...columns.cells.map((cell) => formatCellMetric(cell, metric)),
    ...(withRatio ? [formatTransportRatio(columns, metric)] : []),
    ...(columns.floor ? [formatCellMetric(columns.floor, metric)] : []),
  ]);
  if (rows.length === 0) return '_No successful repeat recorded a metric._';
  return renderMarkdownTable(headers, rows);
}

function renderWarnings(doc: ResultsDocument, cells: readonly CellResult[]): string {
  const lines = cells.flatMap((cell) => collectCellWarnings(cell, doc.plan.repeats).map((warning) => `- \`${cell.id}\`: ${warning}`));
  return lines.length === 0 ? '' : ['**Warnings**', '', ...lines].join('\n');
}

function renderChart(chart: ChartModel): string {
  return ['```text', renderAsciiChart(chart), '```', '', `![${chart.title}](${chartSvgPath(chart)})`].join('\n');
}

function renderConfiguration(cells: readonly CellResult[]): string {
  const blocks = cells.map((cell) => [`\`${cell.id}\``, '', '```json', JSON.stringify(cell.config, null, 2), '```'].join('\n'));
  return ['<details><summary>Server and client configuration of each cell</summary>', '', ...blocks.flatMap((block) => [block, '']), '</details>'].join('\n');
}

function renderScenarioIntro(doc: ResultsDocument, scenario: string): string {
  const record = doc.plan.scenarios.find((s) => s.name === scenario);
  if (record === undefined) return '';
  const claims = record.claims.length === 0 ? '' : ` Claims: ${record.claims.join(', ')}.`;
  return `${record.description}${claims}`;
}

/** The harness-overhead section states its ratio, the figure that scenario exists to produce. */
function renderHarnessOverhead(doc: ResultsDocument, scenario: string): string {
  const overheads = scenario === 'harness-overhead' ? computeHarnessOverhead(doc) : [];
  return overheads.length === 0 ? '' : describeHarnessOverhead(overheads);
}

function renderConditions(doc: ResultsDocument, cells: readonly CellResult[]): string[] {
  const conditions = groupConditions(cells);
  if (conditions.length === 1) return [renderConditionTable(doc, conditions[0]!)];
  return conditions.flatMap((condition) => [`#### ${condition.label}`, renderConditionTable(doc, condition)]);
}

/** The section for one scenario, or a one-line note when it did not run. */
export function renderScenarioSection(doc: ResultsDocument, scenario: string, charts: readonly ChartModel[]): string {
  const status = scenarioStatus(doc, scenario);
  const heading = `### ${scenario}`;
  const intro = renderScenarioIntro(doc, scenario);
  if (status.kind === 'skipped' || status.kind === 'absent') return [heading, intro, '_Not run._'].filter((part) => part !== '').join('\n\n');
  const cells = cellsOf(doc, scenario).filter((cell) => cell.runs.length > 0);
  const parts = [
    heading,
    intro,
    status.kind === 'all-failed' ? '_Every repeat failed: see Errors._' : '',
    ...renderConditions(doc, cells),
    renderHarnessOverhead(doc, scenario),
    renderWarnings(doc, cells),
    ...charts.map(renderChart),
    renderConfiguration(cells),
  ];
  return parts.filter((part) => part !== '').join('\n\n');
}
