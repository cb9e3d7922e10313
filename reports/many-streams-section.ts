/**
 * "Beyond the article": what the article never asked but a reader choosing SSE will meet — how many
 * streams one page can hold open to one origin. From the many-streams cells: for each transport and
 * client, at each stream count, how many streams stalled (no first event by the deadline) and the
 * median time to first event of the others; then one line per client, computed from those figures.
 * Data for both renderers (REPORT.md and report.html) and the console.
 */
import { MANY_STREAMS_SCENARIO } from '../bench/many-streams/many-streams-scenario.js';
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { transportNamed } from '../transports/registry.js';
import { formatCount, formatDurationMs, formatDurationUs, formatQuantity } from './format.js';
import { metricMedian, ranCellsOf, TRANSPORT_LABELS } from './results-query.js';
import type { TableModel } from './scenario-content.js';

export const BEYOND_ARTICLE_TITLE = 'Beyond the article';

export interface ManyStreamsSection {
  /** What the table shows and how to read a cell. */
  intro: string;
  table: TableModel;
  /** One line per client, computed from the figures. */
  interpretation: string[];
}

/** One table row: a transport read by one client kind, its cells by stream count. */
interface ManyStreamsRow {
  transport: CellResult['transport'];
  client: string;
  byCount: Map<number, CellResult>;
}

const CLIENT_LABELS: Record<string, string> = { node: 'Node (ours)', chromium: 'Chromium' };
const HTTP_VERSION_LABELS: Record<number, string> = { 1: 'HTTP/1.0', 1.1: 'HTTP/1.1', 2: 'HTTP/2', 3: 'HTTP/3' };

function clientLabel(client: string): string {
  return CLIENT_LABELS[client] ?? client;
}

function groupRows(cells: readonly CellResult[]): ManyStreamsRow[] {
  const rows = new Map<string, ManyStreamsRow>();
  for (const cell of cells) {
    const client = String(cell.params['client']);
    const row = rows.get(cell.variant) ?? { transport: cell.transport, client, byCount: new Map<number, CellResult>() };
    row.byCount.set(Number(cell.params['streams']), cell);
    rows.set(cell.variant, row);
  }
  // Chromium first: its limits are the point; our client is the control.
  return [...rows.values()].sort((a, b) => Number(b.client === 'chromium') - Number(a.client === 'chromium'));
}

/** What Chromium negotiated with the origin (Resource Timing), else the transport's declared layer. */
function describeProtocol(row: ManyStreamsRow): string {
  const transport = transportNamed(row.transport);
  const seen = [
    ...new Set(
      [...row.byCount.values()]
        .map((cell) => metricMedian(cell, 'negotiated_http_version'))
        .filter((v): v is number => v !== undefined),
    ),
  ];
  if (seen.length === 0) return transport.layer;
  const tls = transport.capabilities.tls ? ' + TLS' : '';
  return `${seen.map((version) => HTTP_VERSION_LABELS[version] ?? `HTTP/${version}`).join(', ')}${tls} (seen)`;
}

function stalledOf(cell: CellResult | undefined): number | undefined {
  return metricMedian(cell, 'streams_stalled');
}

/** `0 · 2.1 ms`: stalled streams, then the median time to first event of the others. */
function describeCount(cell: CellResult | undefined): string {
  const stalled = stalledOf(cell);
  if (stalled === undefined) return '—';
  const ttfe = metricMedian(cell, 'ttfe_p50_us');
  return `${formatCount(stalled)} · ${ttfe === undefined ? '—' : formatDurationUs(ttfe)}`;
}

function streamCounts(rows: readonly ManyStreamsRow[]): number[] {
  return [...new Set(rows.flatMap((row) => [...row.byCount.keys()]))].sort((a, b) => a - b);
}

/** `1 of 7`, `none`, `all 7`. */
function describeStalled(stalled: number, count: number): string {
  if (stalled === 0) return 'none';
  return stalled === count && count > 1 ? `all ${count}` : `${formatCount(stalled)} of ${count}`;
}

/**
 * The number of streams a row never exceeded at once, when its stalls say so consistently: at two
 * or more counts the streams beyond the same number L stalled, and none at counts up to L. One count
 * with stalls cannot tell a limit from streams that were merely slow. Undefined otherwise.
 */
export function inferStreamLimit(row: { byCount: ReadonlyMap<number, CellResult> }): number | undefined {
  // Counts without figures (a failed repeat) neither confirm nor contradict a limit.
  const measured = [...row.byCount.entries()].flatMap(([count, cell]) => {
    const stalled = stalledOf(cell);
    return stalled === undefined ? [] : [{ count, stalled }];
  });
  const stalledCounts = measured.filter((m) => m.stalled > 0);
  const limits = new Set(stalledCounts.map((m) => m.count - m.stalled));
  if (stalledCounts.length < 2 || limits.size !== 1) return undefined;
  const limit = [...limits][0]!;
  // Counts with no stall must not exceed the limit: else the stalls were not a fixed limit.
  return measured.every((m) => m.stalled > 0 || m.count <= limit) ? limit : undefined;
}

/** `1 of 7 over SSE, none over SSE (HTTP/2)`: every row's stalls at one count. */
function describeStallsAt(rows: readonly ManyStreamsRow[], count: number): string {
  return rows
    .flatMap((row) => {
      const stalled = stalledOf(row.byCount.get(count));
      return stalled === undefined
        ? []
        : [`${describeStalled(stalled, count)} over ${TRANSPORT_LABELS[row.transport]}`];
    })
    .join(', ');
}

/**
 * One client's line: what stalled at the smallest count where anything did and at the largest,
 * and the per-origin limit where the stalls show one.
 */
function interpretClient(client: string, rows: readonly ManyStreamsRow[], deadlineMs: number): string | undefined {
  const counts = streamCounts(rows);
  const largest = counts.at(-1);
  if (largest === undefined) return undefined;
  const who = clientLabel(client);
  const stalledAt = (count: number) => rows.some((row) => (stalledOf(row.byCount.get(count)) ?? 0) > 0);
  const first = counts.find(stalledAt);
  if (first === undefined)
    return `${who} stalled no stream at any count up to ${largest} (every stream had its first event within ${formatDurationMs(deadlineMs)}).`;
  const atLargest = first === largest ? '' : `; at ${largest}: ${describeStallsAt(rows, largest)}`;
  const sentence = `${who} stalled, at ${first} streams to one origin: ${describeStallsAt(rows, first)}${atLargest}.`;
  const limited = rows.flatMap((row) => {
    const limit = inferStreamLimit(row);
    return limit === undefined ? [] : [{ label: TRANSPORT_LABELS[row.transport], limit }];
  });
  const limits = [...new Set(limited.map((l) => l.limit))];
  const limitNote =
    limits.length === 1
      ? ` Over ${limited.map((l) => l.label).join(' and ')}, every stream beyond the first ${limits[0]} stalled at every count: ${limits[0]} at once per origin.`
      : '';
  const unlimited = rows.filter(
    (row) =>
      inferStreamLimit(row) === undefined && [...row.byCount.values()].some((cell) => (stalledOf(cell) ?? 0) > 0),
  );
  const slowNote =
    unlimited.length === 0
      ? ''
      : ` Over ${unlimited.map((row) => TRANSPORT_LABELS[row.transport]).join(' and ')}, the stalls follow no fixed number of streams.`;
  return `${sentence}${limitNote}${slowNote}`;
}

export function buildManyStreamsSection(doc: ResultsDocument): ManyStreamsSection | undefined {
  const cells = ranCellsOf(doc, MANY_STREAMS_SCENARIO);
  if (cells.length === 0) return undefined;
  const rows = groupRows(cells);
  const counts = streamCounts(rows);
  const deadlineMs = Number(cells[0]!.params['stallDeadlineMs']);
  const table: TableModel = {
    headers: ['Transport', 'Client', 'Protocol', ...counts.map((count) => formatQuantity(count, 'stream'))],
    rows: rows.map((row) => [
      TRANSPORT_LABELS[row.transport],
      clientLabel(row.client),
      describeProtocol(row),
      ...counts.map((count) => describeCount(row.byCount.get(count))),
    ]),
    align: ['left', 'left', 'left', ...counts.map((): 'right' => 'right')],
  };
  const clients = [...new Set(rows.map((row) => row.client))];
  const interpretation = clients.flatMap(
    (client) =>
      interpretClient(
        client,
        rows.filter((row) => row.client === client),
        deadlineMs,
      ) ?? [],
  );
  const intro = `Many streams to one origin (scenario ${MANY_STREAMS_SCENARIO}): one client opens every stream at once. Each cell: streams with no first event within ${formatDurationMs(deadlineMs)} (stalled) · median time to first event of the others, from the moment all were requested. Protocol: what Chromium says it spoke to the origin ("seen"), else the transport's layer.`;
  return { intro, table, interpretation };
}
