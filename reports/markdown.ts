/**
 * REPORT.md as a pure function of a results document, in layers: a three-line header and the
 * verdict of every claim with the one figure it rests on (the first screen, within 40 lines), the
 * charts that decide the most claims, then each claim in full, what lies beyond the article
 * (many streams to one origin, when that scenario ran), the summary, an index of the
 * scenario pages (scenarios/<name>.md), the method, the run's provenance and its errors. Nothing
 * here reads the clock, the machine or the locale, so `generatedAt` (from the document) is the
 * only thing two renders can differ by.
 */
import type { ResultsDocument } from '../bench/results.js';
import { renderAsciiChart } from './charts/ascii-chart.js';
import { buildCharts, chartSvgPath } from './charts/build-charts.js';
import type { ChartModel } from './charts/chart-model.js';
import { VERDICT_GRID_ID, VERDICT_GRID_TITLE } from './charts/verdict-grid.js';
import { evaluateClaims, splitVerdict, type ClaimRow } from './claims.js';
import { formatQuantity } from './format.js';
import { renderBeyondArticleMarkdown } from './markdown-beyond-article.js';
import { renderMarkdownTable } from './markdown-table.js';
import { scenarioPagePath } from './markdown-scenario.js';
import {
  buildHeaderLines,
  buildProvenanceRows,
  CLAIMS_DOC_PATH,
  collectReportErrors,
  METHOD_NOTE,
  type HeaderLine,
} from './report-header.js';
import { scenarioNames, scenarioStatus } from './results-query.js';
import { buildSummaryLines } from './summary.js';
import { VERDICT_MARKS } from './verdict-style.js';
import { buildVerdictCells, claimAnchor, selectKeyCharts, VERDICT_TABLE_HEADERS } from './verdict-table.js';

export const REPORT_TITLE = 'SSE vs WebSocket: benchmark report';

export interface MarkdownReportOptions {
  /** The claims list, relative to REPORT.md; `docs/claims.md` of the repository by default. */
  claimsHref?: string;
}

function renderHeaderLine(line: HeaderLine): string {
  const link = line.link === undefined ? '' : ` [${line.link.label}](${line.link.href})`;
  return `- **${line.label}** ${line.text}${link}`;
}

/** The first screen's table: the ID links to the claim in full, further down. */
export function renderVerdictTable(rows: readonly ClaimRow[]): string {
  const cells = rows.map((row) => {
    const [id, title, verdict, sse, ws] = buildVerdictCells(row);
    return [`[${id}](#${claimAnchor(id)})`, title, `${VERDICT_MARKS[row.verdict.kind]} ${verdict}`, sse, ws];
  });
  return renderMarkdownTable([...VERDICT_TABLE_HEADERS], cells, ['left', 'left', 'left', 'right', 'right']);
}

function renderKeyChart(chart: ChartModel): string {
  return [
    `![${chart.title}](${chartSvgPath(chart)})`,
    '',
    '<details><summary>As text</summary>',
    '',
    '```text',
    renderAsciiChart(chart),
    '```',
    '',
    '</details>',
  ].join('\n');
}

function renderKeyCharts(charts: readonly ChartModel[]): string {
  const grid = `![${VERDICT_GRID_TITLE}](charts/${VERDICT_GRID_ID}.svg)`;
  return ['## Key charts', grid, ...charts.map(renderKeyChart)].join('\n\n');
}

function renderFigureList(label: string, figures: readonly string[]): string {
  return figures.length === 0
    ? `**${label}:** —`
    : [`**${label}:**`, '', ...figures.map((figure) => `- ${figure}`)].join('\n');
}

/** One claim in full: the claim as stated, the verdict with its reasons, every figure, the rule. */
function renderClaim(row: ClaimRow): string {
  const { label, explanation } = splitVerdict(row.verdict);
  return [
    `### ${row.id}`,
    `**${row.title}.** ${row.claim}`,
    `**Verdict: ${VERDICT_MARKS[row.verdict.kind]} ${label}**${explanation}`,
    ...row.caveats.map((caveat) => `⚠ ${caveat}`),
    renderFigureList('SSE', row.sse),
    renderFigureList('WebSocket', row.ws),
    `**Rule:** ${row.ruleText}`,
    `**Scenarios:** ${row.scenarios.join(', ') || '—'}`,
  ].join('\n\n');
}

function renderClaims(rows: readonly ClaimRow[]): string {
  return [
    '## Claims in full',
    "Each verdict is computed from this run's results by the rule shown under it.",
    ...rows.map(renderClaim),
  ].join('\n\n');
}

function renderSummary(doc: ResultsDocument): string {
  return ['## Summary', '', ...buildSummaryLines(doc).map((line) => `- ${line}`)].join('\n');
}

function describeScenarioState(doc: ResultsDocument, scenario: string): string {
  const status = scenarioStatus(doc, scenario);
  if (status.kind === 'skipped' || status.kind === 'absent') return ' (not run)';
  return status.kind === 'all-failed' ? ' (every repeat failed)' : '';
}

/** Each scenario's tables, warnings, charts and configuration live on its own page. */
function renderScenarioIndex(doc: ResultsDocument): string {
  const names = scenarioNames(doc);
  const lines = names.map((name) => {
    const record = doc.plan.scenarios.find((s) => s.name === name);
    const description = record === undefined ? '' : `: ${record.description}`;
    return `- [${name}](${scenarioPagePath(name)})${describeScenarioState(doc, name)}${description}`;
  });
  return [
    '## Scenarios',
    `${formatQuantity(names.length, 'scenario')}, in plan order; each links to its tables, warnings, charts and configuration.`,
    lines.join('\n'),
  ].join('\n\n');
}

function renderProvenance(doc: ResultsDocument): string {
  const rows = buildProvenanceRows(doc).map(([label, value]): [string, string] => [
    label,
    label === 'Command' ? `\`${value}\`` : value,
  ]);
  return ['## Run', renderMarkdownTable(['', ''], rows, ['left', 'left']), `**Method.** ${METHOD_NOTE}`].join('\n\n');
}

function renderErrors(doc: ResultsDocument): string {
  const lines = collectReportErrors(doc).map(
    (error) => `- \`${error.category}\`${error.cell === undefined ? '' : ` in \`${error.cell}\``}: ${error.message}`,
  );
  return ['## Errors', '', lines.length === 0 ? 'None.' : lines.join('\n')].join('\n');
}

/** Renders REPORT.md. Charts are referenced as `charts/<id>.svg` and scenario pages as `scenarios/<name>.md`, which writeReport creates. */
export function renderMarkdownReport(doc: ResultsDocument, options: MarkdownReportOptions = {}): string {
  const rows = evaluateClaims(doc);
  const charts = buildCharts(doc);
  const header = buildHeaderLines(doc, rows, options.claimsHref ?? CLAIMS_DOC_PATH);
  const parts = [
    `# ${REPORT_TITLE}`,
    header.map(renderHeaderLine).join('\n'),
    renderVerdictTable(rows),
    renderKeyCharts(selectKeyCharts(charts)),
    renderClaims(rows),
    ...renderBeyondArticleMarkdown(doc),
    renderSummary(doc),
    renderScenarioIndex(doc),
    renderProvenance(doc),
    renderErrors(doc),
  ];
  return `${parts.join('\n\n')}\n`;
}
