/**
 * A compact terminal summary of a results document: the summary lines, the verdict of each claim,
 * the SSE/WS medians of the main scenarios, and one chart. Plain text, no colour codes, so it can
 * be piped or pasted anywhere.
 */
import type { ResultsDocument } from '../bench/results.js';
import { SSE_FAMILY, WS_FAMILY } from '../transports/families.js';
import { renderAsciiChart } from './charts/ascii-chart.js';
import { buildCharts } from './charts/build-charts.js';
import { describeVerdictKind, evaluateClaims } from './claims.js';
import { computeRatio, formatRatio } from './format.js';
import { formatMetricValue } from './metric-info.js';
import { cellsOf, metricMedian, primaryCell } from './results-query.js';
import { buildSummaryLines } from './summary.js';

/** The figures worth a glance, per scenario. */
const HEADLINE_METRICS: readonly [scenario: string, metric: string][] = [
  ['steady', 'latency_p50_us'],
  ['steady', 'latency_p99_us'],
  ['fan-out', 'latency_p99_us'],
  ['max-throughput', 'throughput_msgs_per_sec'],
  ['llm-stream', 'ttft_p50_us'],
  ['llm-stream', 'itl_p99_us'],
];

/** Columns two spaces apart; by default the first is left-aligned and the figures right-aligned. */
export function renderTextTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('left' | 'right')[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const isLeft = (column: number): boolean => (align?.[column] ?? (column === 0 ? 'left' : 'right')) === 'left';
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (isLeft(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function renderHeadlineTable(doc: ResultsDocument): string | undefined {
  const rows = HEADLINE_METRICS.flatMap(([scenario, metric]) => {
    const cells = cellsOf(doc, scenario);
    const sse = metricMedian(primaryCell(cells, SSE_FAMILY), metric);
    const ws = metricMedian(primaryCell(cells, WS_FAMILY), metric);
    if (sse === undefined || ws === undefined) return [];
    return [
      [
        `${scenario} ${metric}`,
        formatMetricValue(metric, sse),
        formatMetricValue(metric, ws),
        formatRatio(computeRatio(ws, sse)),
      ],
    ];
  });
  return rows.length === 0 ? undefined : renderTextTable(['Figure (median)', 'SSE', 'WebSocket', 'WS/SSE'], rows);
}

function renderVerdictTable(doc: ResultsDocument): string {
  const rows = evaluateClaims(doc).map((row) => [
    row.id,
    describeVerdictKind(row.verdict.kind),
    row.claim.length > 60 ? `${row.claim.slice(0, 57)}...` : row.claim,
  ]);
  return renderTextTable(['Claim', 'Verdict', ''], rows, ['left', 'left', 'left']);
}

/** The terminal summary: a few lines, two small tables and the first chart the results allow. */
export function renderTerminalSummary(doc: ResultsDocument): string {
  const chart = buildCharts(doc)[0];
  const parts = [
    buildSummaryLines(doc)
      .map((line) => `* ${line}`)
      .join('\n'),
    renderHeadlineTable(doc),
    renderVerdictTable(doc),
    chart === undefined ? undefined : renderAsciiChart(chart),
  ];
  return `${parts.filter((part): part is string => part !== undefined).join('\n\n')}\n`;
}
