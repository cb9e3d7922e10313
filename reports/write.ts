/**
 * Writes a report folder: REPORT.md, results.json and charts/*.svg. Every SVG is checked for
 * well-formed XML before anything is written, so a broken chart fails here, not in a reader's browser.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultsDocument } from '../bench/results.js';
import { buildCharts, chartSvgPath } from './charts/build-charts.js';
import { renderSvgChart } from './charts/svg-chart.js';
import { renderMarkdownReport } from './markdown.js';
import { findXmlError } from './xml-check.js';

export const REPORT_FILE = 'REPORT.md';
export const RESULTS_FILE = 'results.json';

export interface WriteReportOptions {
  /** Write results.json too (default). Off when re-rendering from that very file. */
  includeResults?: boolean;
}

/** The results document as the runner writes it (one-space indent, trailing newline). */
export function serialiseResults(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/** Renders every chart's SVG, failing on the first one that is not well-formed XML. */
export async function renderChartFiles(doc: ResultsDocument): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const chart of buildCharts(doc)) {
    const svg = await renderSvgChart(chart);
    const problem = findXmlError(svg);
    if (problem !== undefined) throw new Error(`chart ${chart.id} rendered malformed SVG: ${problem}`);
    files.set(chartSvgPath(chart), svg);
  }
  return files;
}

/** Writes the report into `dir` (created if needed); returns the paths written, relative to `dir`. */
export async function writeReport(doc: ResultsDocument, dir: string, options: WriteReportOptions = {}): Promise<string[]> {
  const files = new Map<string, string>([[REPORT_FILE, renderMarkdownReport(doc)]]);
  if (options.includeResults !== false) files.set(RESULTS_FILE, serialiseResults(doc));
  for (const [path, svg] of await renderChartFiles(doc)) files.set(path, svg);
  await mkdir(join(dir, 'charts'), { recursive: true });
  for (const [path, content] of files) await writeFile(join(dir, path), content);
  return [...files.keys()];
}
