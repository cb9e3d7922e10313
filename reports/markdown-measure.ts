/**
 * The `measure` section of REPORT.md (npm run measure): per endpoint, time to first event and gaps
 * as percentile tables, volume and bytes at the socket, how streams ended, errors by category, the
 * resume check's verdicts, and the caveats that apply (server clocks, how ITL is defined).
 */
import type { ResultsDocument } from '../bench/results.js';
import type { MeasureCellResult } from '../bench/measure/measure-cell.js';
import { renderAsciiChart } from './charts/ascii-chart.js';
import { chartSvgPath } from './charts/build-charts.js';
import type { ChartModel } from './charts/chart-model.js';
import { renderMarkdownTable } from './markdown-table.js';
import {
  CLOCK_NOTE,
  describeEnds,
  describeErrors,
  formatEvents,
  formatFigure,
  ITL_NOTE,
  measureCellsOf,
} from './measure-figures.js';

const PERCENTILE_COLUMNS = ['p50', 'p90', 'p99', 'p999', 'max', 'mean'] as const;

function renderPercentileTable(cells: readonly MeasureCellResult[], family: string): string | undefined {
  const withFamily = cells.filter((cell) => cell.summary[`${family}_p50_us`] !== undefined);
  if (withFamily.length === 0) return undefined;
  const rows = withFamily.map((cell) => [
    `\`${cell.id}\``,
    ...PERCENTILE_COLUMNS.map((label) => formatFigure(cell, `${family}_${label}_us`)),
  ]);
  return renderMarkdownTable(
    ['Endpoint', ...PERCENTILE_COLUMNS.map((label) => (label === 'p999' ? 'p99.9' : label))],
    rows,
  );
}

const TIMING_TABLES: [family: string, title: string][] = [
  ['ttfe', 'Time to first event (from the request start; one sample per connection)'],
  ['gap', 'Gaps between events (one sample per gap)'],
  ['connect', 'Connect (TCP, TLS and the response headers or the 101)'],
  ['latency', 'Server-stamped one-way latency'],
  ['ttft', 'Time to first token'],
  ['itl', 'Inter-token latency'],
];

function renderVolumeTable(cells: readonly MeasureCellResult[]): string {
  const rows = cells.map((cell) => [
    `\`${cell.id}\``,
    cell.measure.url,
    formatEvents(cell),
    formatFigure(cell, 'events_per_sec'),
    formatFigure(cell, 'wire_bytes_down_per_event'),
    formatFigure(cell, 'wire_bytes_up_per_message'),
    `${formatFigure(cell, 'handshake_bytes_down')} / ${formatFigure(cell, 'handshake_bytes_up')}`,
    describeEnds(cell),
    describeErrors(cell),
  ]);
  return renderMarkdownTable(
    [
      'Endpoint',
      'URL',
      'Events',
      'Events/s',
      'Bytes/event down',
      'Bytes/message up',
      'Handshake down / up',
      'Ended by',
      'Errors',
    ],
    rows,
    ['left', 'left'],
  );
}

function renderResume(cells: readonly MeasureCellResult[]): string | undefined {
  const lines = cells.flatMap((cell) =>
    cell.measure.resume.map(
      (report) =>
        `- \`${cell.id}\` repeat ${report.repeat + 1}: **${report.verdict}**: ${report.description}${report.retryMs === undefined ? '' : `; waited retry: ${report.retryMs} ms`}.`,
    ),
  );
  return lines.length === 0 ? undefined : ['**Resume check (Last-Event-ID)**', '', ...lines].join('\n');
}

function renderErrorExamples(cells: readonly MeasureCellResult[]): string | undefined {
  const lines = cells.flatMap((cell) =>
    Object.entries(cell.measure.errorExamples).map(
      ([category, message]) => `- \`${cell.id}\` \`${category}\`: ${message}`,
    ),
  );
  return lines.length === 0 ? undefined : ['**Errors (one example per category)**', '', ...lines].join('\n');
}

function renderNotes(cells: readonly MeasureCellResult[]): string | undefined {
  const notes = [
    cells.some((cell) => cell.measure.latencyField !== undefined) ? CLOCK_NOTE : undefined,
    cells.some((cell) => cell.measure.preset === 'openai-chat') ? ITL_NOTE : undefined,
  ].filter((note): note is string => note !== undefined);
  return notes.length === 0 ? undefined : notes.map((note) => `> ${note}`).join('\n>\n');
}

function renderChart(chart: ChartModel, prefix: string): string {
  return ['```text', renderAsciiChart(chart), '```', '', `![${chart.title}](${prefix}${chartSvgPath(chart)})`].join(
    '\n',
  );
}

/** The section for the measure scenario. */
export function renderMeasureSection(doc: ResultsDocument, charts: readonly ChartModel[], chartPrefix = ''): string {
  const cells = measureCellsOf(doc);
  const heading = '### measure';
  if (cells.length === 0) return [heading, '_Not run._'].join('\n\n');
  const timing = TIMING_TABLES.flatMap(([family, title]) => {
    const table = renderPercentileTable(cells, family);
    return table === undefined ? [] : [`#### ${title}`, table];
  });
  const parts = [
    heading,
    'Endpoints measured as they are: every event counted, times from the start of each request, bytes at the socket (TLS included). Figures are medians across repeats, ± their spread.',
    renderNotes(cells),
    ...timing,
    '#### Volume, bytes and endings',
    renderVolumeTable(cells),
    renderResume(cells),
    renderErrorExamples(cells),
    ...charts.map((chart) => renderChart(chart, chartPrefix)),
  ];
  return parts.filter((part): part is string => part !== undefined && part !== '').join('\n\n');
}

/** `scenarios/measure.md`: a heading, a way back, and the section with chart paths from that folder. */
export function renderMeasurePage(doc: ResultsDocument, charts: readonly ChartModel[]): string {
  const body = renderMeasureSection(doc, charts, '../').replace(/^### measure\n\n/, '');
  return `${['# measure', '[← back to the report](../REPORT.md)', body].join('\n\n')}\n`;
}

export { isMeasureScenario } from './measure-figures.js';
