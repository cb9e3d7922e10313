/**
 * report.html: the same layers as REPORT.md in one self-contained file that opens from disk. The
 * header and the verdict table first, then the charts that decide the most claims, then each claim,
 * scenario and the run's metadata behind a <details>. Charts are inline SVG and the style sheet is
 * inline; nothing is fetched (no script, font, image or style from anywhere), so it reads the same
 * offline, attached to a ticket or years later. A pure function of the results and the SVGs.
 */
import type { ResultsDocument } from '../bench/results.js';
import { buildCharts, chartsForScenario } from './charts/build-charts.js';
import type { ChartModel } from './charts/chart-model.js';
import { VERDICT_GRID_ID } from './charts/verdict-grid.js';
import { describeVerdictKind, evaluateClaims, splitVerdict, type ClaimRow } from './claims.js';
import { REPORT_CSS } from './html-style.js';
import { buildCapacitySection, CAPACITY_TITLE } from './capacity-section.js';
import { buildManyStreamsSection, BEYOND_ARTICLE_TITLE } from './many-streams-section.js';
import { REPORT_TITLE } from './markdown.js';
import {
  buildHeaderLines,
  buildProvenanceRows,
  CLAIMS_DOC_PATH,
  collectReportErrors,
  formatRunDate,
  METHOD_NOTE,
} from './report-header.js';
import { scenarioNames } from './results-query.js';
import { buildScenarioContent, type ScenarioContent, type TableModel } from './scenario-content.js';
import { buildSummaryLines } from './summary.js';
import {
  buildVerdictCells,
  claimAnchor,
  listDecidedClaims,
  selectKeyCharts,
  VERDICT_TABLE_HEADERS,
} from './verdict-table.js';

export const HTML_REPORT_FILE = 'report.html';

export interface HtmlReportOptions {
  /** The claims list, relative to report.html. */
  claimsHref?: string;
}

/** Each chart's SVG by chart id (the verdict grid under VERDICT_GRID_ID). */
export type ChartSvgs = ReadonlyMap<string, string>;

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Inline SVG needs no namespace declarations: dropping them leaves no URL in the page that is not a link. */
function inlineSvg(svg: string): string {
  return svg.replace(/ xmlns(:xlink)?="[^"]*"/g, '');
}

/** The SVG carries its own title; `caption` (HTML) says where the chart comes from, when it helps. */
function renderFigure(id: string, svgs: ChartSvgs, caption = ''): string {
  const svg = svgs.get(id);
  if (svg === undefined) return '';
  return `<figure data-chart="${escapeHtml(id)}">${inlineSvg(svg)}${caption === '' ? '' : `<figcaption>${caption}</figcaption>`}</figure>`;
}

function renderChartFigure(chart: ChartModel, svgs: ChartSvgs): string {
  return renderFigure(chart.id, svgs);
}

/** `From steady; decides WS-2, SSE-5`, linked to the scenario and the claims. */
function describeKeyChart(chart: ChartModel): string {
  const claims = listDecidedClaims(chart.scenario)
    .map((id) => `<a href="#${claimAnchor(id)}">${escapeHtml(id)}</a>`)
    .join(', ');
  return `From <a href="#scenario-${escapeHtml(chart.scenario)}">${escapeHtml(chart.scenario)}</a>; the verdicts of ${claims} read it.`;
}

function renderTable(table: TableModel, className = ''): string {
  const align = (index: number): string =>
    (table.align?.[index] ?? (index === 0 ? 'left' : 'right')) === 'right' ? ' class="num"' : '';
  const head = table.headers.map((header, index) => `<th${align(index)}>${escapeHtml(header)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${align(index)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="scroll"><table${className === '' ? '' : ` class="${className}"`}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function renderBadge(row: ClaimRow): string {
  return `<span class="badge ${row.verdict.kind}">${escapeHtml(describeVerdictKind(row.verdict.kind))}</span>`;
}

function renderHeader(doc: ResultsDocument, rows: readonly ClaimRow[], claimsHref: string): string {
  const lines = buildHeaderLines(doc, rows, claimsHref).map((line) => {
    const link =
      line.link === undefined ? '' : ` <a href="${escapeHtml(line.link.href)}">${escapeHtml(line.link.label)}</a>`;
    return `<dt>${escapeHtml(line.label)}</dt><dd>${escapeHtml(line.text)}${link}</dd>`;
  });
  return `<header><h1>${escapeHtml(REPORT_TITLE)}</h1><dl class="meta">${lines.join('')}</dl></header>`;
}

function renderVerdictTable(rows: readonly ClaimRow[]): string {
  const head = VERDICT_TABLE_HEADERS.map(
    (header, index) => `<th${index >= 3 ? ' class="num"' : ''}>${escapeHtml(header)}</th>`,
  ).join('');
  const body = rows.map((row) => {
    const [id, title, , sse, ws] = buildVerdictCells(row).map(escapeHtml);
    return `<tr><td><a href="#${claimAnchor(row.id)}">${id}</a></td><td>${title}</td><td>${renderBadge(row)}</td><td class="num">${sse}</td><td class="num">${ws}</td></tr>`;
  });
  return `<section id="verdicts"><table class="verdicts"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></section>`;
}

function renderKeyCharts(charts: readonly ChartModel[], svgs: ChartSvgs): string {
  const figures = [
    renderFigure(VERDICT_GRID_ID, svgs),
    ...charts.map((chart) => renderFigure(chart.id, svgs, describeKeyChart(chart))),
  ];
  return `<section id="key-charts"><h2>Key charts</h2><div class="charts">${figures.join('\n')}</div></section>`;
}

function renderFigureList(label: string, figures: readonly string[]): string {
  const items =
    figures.length === 0 ? '<li>—</li>' : figures.map((figure) => `<li>${escapeHtml(figure)}</li>`).join('');
  return `<h3>${escapeHtml(label)}</h3><ul class="figures">${items}</ul>`;
}

function renderClaim(row: ClaimRow): string {
  const { label, explanation } = splitVerdict(row.verdict);
  const caveats = row.caveats.map((caveat) => `<p class="caveat">⚠ ${escapeHtml(caveat)}</p>`).join('');
  return [
    `<details id="${claimAnchor(row.id)}"><summary><span class="claim-id">${escapeHtml(row.id)}</span> ${escapeHtml(row.title)} ${renderBadge(row)}</summary>`,
    `<p><em>${escapeHtml(row.claim)}</em></p>`,
    `<p><strong>Verdict: ${escapeHtml(label)}</strong>${escapeHtml(explanation)}</p>`,
    caveats,
    renderFigureList('SSE', row.sse),
    renderFigureList('WebSocket', row.ws),
    `<p><strong>Rule:</strong> ${escapeHtml(row.ruleText)}</p>`,
    `<p class="muted">Scenarios: ${escapeHtml(row.scenarios.join(', ') || '—')}</p>`,
    '</details>',
  ].join('\n');
}

function renderClaims(rows: readonly ClaimRow[]): string {
  return `<section id="claims"><h2>Claims in full</h2><p class="muted">Each verdict is computed from this run's results by the rule shown with it.</p>\n${rows.map(renderClaim).join('\n')}</section>`;
}

function renderList(lines: readonly string[]): string {
  return `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
}

/** Beyond the article: the many-streams and capacity tables and their reading (nothing when neither ran). */
function renderBeyondArticle(doc: ResultsDocument): string {
  const streams = buildManyStreamsSection(doc);
  const capacity = buildCapacitySection(doc);
  if (streams === undefined && capacity === undefined) return '';
  const body = (section: { intro: string; table: TableModel; interpretation: string[] }) =>
    `<p>${escapeHtml(section.intro)}</p>${renderTable(section.table, 'metrics')}${renderList(section.interpretation)}`;
  return `<section id="beyond-article"><h2>${escapeHtml(BEYOND_ARTICLE_TITLE)}</h2>${streams !== undefined ? body(streams) : ''}${capacity !== undefined ? `<h3>${escapeHtml(CAPACITY_TITLE)}</h3>${body(capacity)}` : ''}</section>`;
}

function renderScenarioBody(content: ScenarioContent, svgs: ChartSvgs): string {
  if (content.status === 'not-run') return '<p><em>Not run.</em></p>';
  const conditions = content.conditions.map((condition) => {
    const heading = content.conditions.length > 1 ? `<h3>${escapeHtml(condition.label)}</h3>` : '';
    return `${heading}${condition.table === undefined ? '<p><em>No successful repeat recorded a metric.</em></p>' : renderTable(condition.table, 'metrics')}`;
  });
  const warnings =
    content.warnings.length === 0
      ? ''
      : `<h3>Warnings</h3>${renderList(content.warnings.map((warning) => `${warning.cellId}: ${warning.text}`))}`;
  const charts =
    content.charts.length === 0
      ? ''
      : `<div class="charts">${content.charts.map((chart) => renderChartFigure(chart, svgs)).join('\n')}</div>`;
  const configs = content.configs
    .map((config) => `<p><code>${escapeHtml(config.cellId)}</code></p><pre>${escapeHtml(config.json)}</pre>`)
    .join('');
  return [
    content.status === 'all-failed' ? '<p><strong>Every repeat failed: see Errors.</strong></p>' : '',
    ...conditions,
    content.overhead === '' ? '' : `<p>${escapeHtml(content.overhead)}</p>`,
    warnings,
    charts,
    configs === ''
      ? ''
      : `<details><summary>Server and client configuration of each cell</summary>${configs}</details>`,
  ].join('\n');
}

function renderScenarios(doc: ResultsDocument, charts: readonly ChartModel[], svgs: ChartSvgs): string {
  const sections = scenarioNames(doc).map((name) => {
    const content = buildScenarioContent(doc, name, chartsForScenario(charts, name));
    const state =
      content.status === 'ran' ? '' : content.status === 'not-run' ? ' (not run)' : ' (every repeat failed)';
    return `<details id="scenario-${escapeHtml(name)}"><summary>${escapeHtml(name)}${state} <span class="muted">— ${escapeHtml(content.intro)}</span></summary>\n${renderScenarioBody(content, svgs)}\n</details>`;
  });
  return `<section id="scenarios"><h2>Scenarios</h2>\n${sections.join('\n')}</section>`;
}

function renderRun(doc: ResultsDocument): string {
  const errors = collectReportErrors(doc).map(
    (error) => `${error.category}${error.cell === undefined ? '' : ` in ${error.cell}`}: ${error.message}`,
  );
  return [
    '<section id="summary"><h2>Summary</h2>',
    renderList(buildSummaryLines(doc)),
    '</section><section id="run"><h2>Run</h2>',
    renderTable({ headers: ['', ''], rows: buildProvenanceRows(doc), align: ['left', 'left'] }, 'provenance'),
    `<p><strong>Method.</strong> ${escapeHtml(METHOD_NOTE)}</p>`,
    '</section><section id="errors"><h2>Errors</h2>',
    errors.length === 0 ? '<p>None.</p>' : renderList(errors),
    '</section>',
  ].join('\n');
}

/** The whole page. `svgs` holds every chart's SVG by id, as renderChartFiles produced them. */
export function renderHtmlReport(doc: ResultsDocument, svgs: ChartSvgs, options: HtmlReportOptions = {}): string {
  const rows = evaluateClaims(doc);
  const charts = buildCharts(doc);
  const title = `${REPORT_TITLE} (${formatRunDate(doc.generatedAt)})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderHeader(doc, rows, options.claimsHref ?? CLAIMS_DOC_PATH)}
<main>
${renderVerdictTable(rows)}
${renderKeyCharts(selectKeyCharts(charts), svgs)}
${renderClaims(rows)}
${renderBeyondArticle(doc)}
${renderScenarios(doc, charts, svgs)}
${renderRun(doc)}
</main>
<footer>Written by sse-ws-bench from results.json; REPORT.md beside it holds the same report as text.</footer>
</body>
</html>
`;
}
