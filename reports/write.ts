/**
 * Writes a report folder: REPORT.md, scenarios/*.md, report.html, results.json, charts/*.svg and,
 * when Chromium is there, a PNG of report.html's first screen. Every SVG is checked for well-formed
 * XML before anything is written, so a broken chart fails here, not in a reader's browser.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultsDocument } from '../bench/results.js';
import { buildCharts, chartSvgPath } from './charts/build-charts.js';
import { renderSvgChart } from './charts/svg-chart.js';
import { renderVerdictGridSvg, VERDICT_GRID_ID } from './charts/verdict-grid.js';
import { evaluateClaims } from './claims.js';
import { HTML_REPORT_FILE, renderHtmlReport } from './html-report.js';
import { renderMarkdownReport } from './markdown.js';
import { renderScenarioPages } from './markdown-scenario.js';
import { CLAIMS_DOC_PATH } from './report-header.js';
import { captureFirstScreen, FIRST_SCREEN_FILE } from './screenshot.js';
import { findXmlError } from './xml-check.js';

export const REPORT_FILE = 'REPORT.md';
export const RESULTS_FILE = 'results.json';

export interface WriteReportOptions {
  /** Write results.json too (default). Off when re-rendering from that very file. */
  includeResults?: boolean;
  /** Take the first-screen PNG when Chromium is there (default). */
  screenshot?: boolean;
}

export interface WrittenReport {
  /** Paths written, relative to the report folder. */
  files: string[];
  /** One line each about what was left out and why (no Chromium for the screenshot, say). */
  notes: string[];
}

/** The results document as the runner writes it (one-space indent, trailing newline). */
export function serialiseResults(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

function checkSvg(id: string, svg: string): string {
  const problem = findXmlError(svg);
  if (problem !== undefined) throw new Error(`chart ${id} rendered malformed SVG: ${problem}`);
  return svg;
}

/** Renders every chart's SVG, the verdict grid's too, by path, failing on the first one that is not well-formed XML. */
export async function renderChartFiles(doc: ResultsDocument): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const chart of buildCharts(doc)) files.set(chartSvgPath(chart), checkSvg(chart.id, await renderSvgChart(chart)));
  files.set(
    `charts/${VERDICT_GRID_ID}.svg`,
    checkSvg(VERDICT_GRID_ID, await renderVerdictGridSvg(evaluateClaims(doc))),
  );
  return files;
}

/** `charts/steady-latency-percentiles.svg` → `steady-latency-percentiles`. */
function chartIdOf(path: string): string {
  return path.replace(/^charts\//, '').replace(/\.svg$/, '');
}

/** The folder holding package.json above this module (reports/ under vitest, dist/reports/ built). */
function findRepoRoot(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

/** docs/claims.md relative to the report folder, so the link works from wherever the report is written. */
function findClaimsHref(dir: string): string {
  const root = findRepoRoot();
  return root === undefined ? CLAIMS_DOC_PATH : relative(dir, join(root, CLAIMS_DOC_PATH)).split(sep).join('/');
}

/** Writes the report into `dir` (created if needed). */
export async function writeReport(
  doc: ResultsDocument,
  dir: string,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  const claimsHref = findClaimsHref(dir);
  const svgs = await renderChartFiles(doc);
  const svgsById = new Map([...svgs].map(([path, svg]) => [chartIdOf(path), svg]));
  const files = new Map<string, string>([
    [REPORT_FILE, renderMarkdownReport(doc, { claimsHref })],
    ...renderScenarioPages(doc),
    [HTML_REPORT_FILE, renderHtmlReport(doc, svgsById, { claimsHref })],
  ]);
  if (options.includeResults !== false) files.set(RESULTS_FILE, serialiseResults(doc));
  for (const [path, svg] of svgs) files.set(path, svg);
  await mkdir(join(dir, 'charts'), { recursive: true });
  await mkdir(join(dir, 'scenarios'), { recursive: true });
  for (const [path, content] of files) await writeFile(join(dir, path), content);
  const written = { files: [...files.keys()], notes: [] as string[] };
  if (options.screenshot === false) return written;
  const outcome = await captureFirstScreen(join(dir, HTML_REPORT_FILE), join(dir, FIRST_SCREEN_FILE));
  if ('written' in outcome) written.files.push(FIRST_SCREEN_FILE);
  else written.notes.push(outcome.skipped);
  return written;
}
