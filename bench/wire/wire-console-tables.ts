/**
 * The wire family in the console: one table per payload size and kind (per size for upstream),
 * the transports side by side with their ratio, rows in the order a reader asks "where do the
 * bytes go": total, overhead, framing and its parts, envelope, payload, then set-up, once-per-stream
 * bytes, CPU and the checks that must be zero. Returns strings; the CLI prints them.
 */
import { formatRatioOf, formatValue, renderTable } from '../console-format.js';
import type { CellResult, MetricSummary, ResultsDocument } from '../results.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { COMPRESSION_SCENARIO, UPSTREAM_SCENARIO } from './wire-scenarios.js';

/** The plain cells' variants: named after the SSE and WS families' plain transports. */
const SSE = plainTransportOf(SSE_FAMILY);
const WS = plainTransportOf(WS_FAMILY);

/** One row: its label and the metric it shows. */
type Row = readonly [label: string, metric: string, unit: string];

/** How a scenario's tables are laid out. */
interface TableLayout {
  /** Params that make a condition (one table each). */
  conditionParams: readonly string[];
  /** Column order by variant; variants not listed follow. */
  columns: readonly string[];
  /** Ratio columns: numerator variant / denominator variant. */
  ratios: readonly (readonly [string, string])[];
  rows: readonly Row[];
  /** The figure of the overview table: one row per condition, before the detailed tables. */
  headline: Row;
}

const STREAM_ROWS: readonly Row[] = [
  ['bytes/msg down', 'wire_bytes_down_per_msg', 'B'],
  ['  overhead/msg (beyond payload)', 'overhead_bytes_down_per_msg', 'B'],
  ['  efficiency (payload/wire)', 'efficiency_pct', '%'],
  ['  framing/msg', 'framing_bytes_down_per_msg', 'B'],
  ['    SSE id:/data:/line ends', 'sse_field_bytes_per_msg', 'B'],
  ['    SSE id values', 'sse_id_bytes_per_msg', 'B'],
  ['    HTTP chunk framing', 'chunk_framing_bytes_per_msg', 'B'],
  ['    WS frame headers', 'ws_header_bytes_per_msg', 'B'],
  ['  envelope/msg', 'envelope_bytes_per_msg', 'B'],
  ['  payload on wire/msg', 'payload_on_wire_bytes_per_msg', 'B'],
  ['    base64 expansion', 'base64_expansion_bytes_per_msg', 'B'],
  ['compression ratio', 'compression_ratio', 'ratio'],
  ['handshake down', 'handshake_bytes_down', 'B'],
  ['handshake up', 'handshake_bytes_up', 'B'],
  ['once per stream down', 'stream_fixed_bytes_down', 'B'],
  ['once per stream up', 'stream_fixed_bytes_up', 'B'],
  ['client CPU/msg', 'client_cpu_us_per_msg', 'µs'],
  ['server CPU/msg', 'server_cpu_us_per_msg', 'µs'],
  ['latency p50', 'latency_p50_us', 'µs'],
  ['latency p99', 'latency_p99_us', 'µs'],
  ['throughput', 'throughput_msgs_per_sec', 'msg/s'],
  ['unattributed bytes (must be 0)', 'unattributed_bytes_down', 'B'],
  ['client≠server bytes (must be 0)', 'socket_count_mismatch_bytes', 'B'],
];

const UPSTREAM_ROWS: readonly Row[] = [
  ['bytes/msg up', 'wire_bytes_up_per_msg', 'B'],
  ['  body (envelope + payload)', 'upstream_body_bytes', 'B'],
  ['  overhead/msg up', 'overhead_bytes_up_per_msg', 'B'],
  ['ack bytes/msg down', 'ack_bytes_down_per_msg', 'B'],
  ['round trip p50', 'latency_p50_us', 'µs'],
  ['round trip p99', 'latency_p99_us', 'µs'],
  ['upstream throughput', 'throughput_msgs_per_sec', 'msg/s'],
  ['client CPU/msg', 'client_cpu_us_per_msg', 'µs'],
  ['server CPU/msg', 'server_cpu_us_per_msg', 'µs'],
  ['downstream rate meanwhile', 'downstream_msgs_per_sec', 'msg/s'],
  ['downstream latency p50', 'downstream_latency_p50_us', 'µs'],
  ['downstream latency p99', 'downstream_latency_p99_us', 'µs'],
  ['client≠server bytes (must be 0)', 'socket_count_mismatch_bytes', 'B'],
];

const STREAM_LAYOUT: TableLayout = {
  conditionParams: ['size', 'kind'],
  columns: [SSE, WS],
  ratios: [[WS, SSE]],
  rows: STREAM_ROWS,
  headline: STREAM_ROWS[0]!,
};

const LAYOUTS: Record<string, TableLayout> = {
  [COMPRESSION_SCENARIO]: {
    ...STREAM_LAYOUT,
    columns: [SSE, 'sse-gzip', WS, 'ws-deflate'],
    ratios: [
      ['sse-gzip', SSE],
      ['ws-deflate', WS],
      ['ws-deflate', 'sse-gzip'],
    ],
  },
  [UPSTREAM_SCENARIO]: {
    conditionParams: ['size'],
    columns: ['ws-frames', 'sse-post'],
    ratios: [['ws-frames', 'sse-post']],
    rows: UPSTREAM_ROWS,
    headline: UPSTREAM_ROWS[0]!,
  },
};

/** Every table of one wire-family scenario; '' when it has no cell with runs. */
export function renderWireScenarioTables(doc: ResultsDocument, scenario: string): string {
  const cells = doc.cells.filter((cell) => cell.scenario === scenario && cell.runs.length > 0);
  if (cells.length === 0) return '';
  const layout = LAYOUTS[scenario] ?? STREAM_LAYOUT;
  const conditions = groupByCondition(cells, layout.conditionParams);
  const tables = conditions.map(([label, group]) => renderCondition(scenario, label, group, layout));
  return [`== ${scenario} ==`, renderOverview(conditions, layout), ...tables, ...describeFailures(cells)].join('\n\n');
}

/** The headline figure for every condition: the sweep at a glance. */
function renderOverview(conditions: readonly [string, CellResult[]][], layout: TableLayout): string {
  const [label, metric, unit] = layout.headline;
  const header = [
    label.trim(),
    ...layout.columns,
    ...layout.ratios.map(([numerator, denominator]) => `${numerator}/${denominator}`),
  ];
  const rows = conditions.map(([condition, cells]) => [
    condition,
    ...layout.columns.map((column) => formatCell(findColumn(cells, column)?.summary[metric], unit)),
    ...layout.ratios.map(([numerator, denominator]) =>
      formatPositiveRatio(
        findColumn(cells, numerator)?.summary[metric]?.median,
        findColumn(cells, denominator)?.summary[metric]?.median,
      ),
    ),
  ]);
  return renderTable(header, rows);
}

function groupByCondition(cells: readonly CellResult[], params: readonly string[]): [string, CellResult[]][] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells) {
    const label = params
      .map((param) => `${param}=${String(cell.params[param] ?? '-')}${param === 'size' ? ' B' : ''}`)
      .join(', ');
    groups.set(label, [...(groups.get(label) ?? []), cell]);
  }
  return [...groups.entries()];
}

function renderCondition(scenario: string, label: string, cells: readonly CellResult[], layout: TableLayout): string {
  const ordered = orderColumns(cells, layout.columns);
  const ratios = layout.ratios.filter(
    ([numerator, denominator]) => findColumn(ordered, numerator) && findColumn(ordered, denominator),
  );
  const header = [
    `${scenario} ${label}`,
    ...ordered.map(describeColumn),
    ...ratios.map(([numerator, denominator]) => `${numerator}/${denominator}`),
  ];
  const rows = layout.rows
    .filter(([, metric]) => ordered.some((cell) => cell.summary[metric] !== undefined))
    .map(([rowLabel, metric, unit]) => [
      rowLabel,
      ...ordered.map((cell) => formatCell(cell.summary[metric], unit)),
      ...ratios.map(([numerator, denominator]) =>
        formatPositiveRatio(
          findColumn(ordered, numerator)?.summary[metric]?.median,
          findColumn(ordered, denominator)?.summary[metric]?.median,
        ),
      ),
    ]);
  return renderTable(header, rows);
}

/** A ratio of two sizes; none where one is not positive (a compressed message's "overhead" can be negative). */
function formatPositiveRatio(numerator: number | undefined, denominator: number | undefined): string {
  return numerator !== undefined && numerator > 0 && denominator !== undefined && denominator > 0
    ? formatRatioOf(numerator, denominator)
    : '—';
}

function orderColumns(cells: readonly CellResult[], columns: readonly string[]): CellResult[] {
  const rank = (cell: CellResult): number =>
    columns.includes(cell.variant) ? columns.indexOf(cell.variant) : columns.length;
  return [...cells].sort((a, b) => rank(a) - rank(b));
}

/** The cell of that variant, else the only cell of that transport (`wire-ci` names its variants `sse-16`…). */
function findColumn(cells: readonly CellResult[], name: string): CellResult | undefined {
  const byVariant = cells.find((cell) => cell.variant === name);
  if (byVariant !== undefined) return byVariant;
  const ofTransport = cells.filter((cell) => cell.transport === name);
  return ofTransport.length === 1 ? ofTransport[0] : undefined;
}

/** `sse` or `sse (500 msgs)` when the stream length is not the usual one. */
function describeColumn(cell: CellResult): string {
  const messages = cell.params['count'] ?? cell.params['messages'];
  return messages === undefined ? cell.variant : `${cell.variant} (${String(messages)})`;
}

/** Bytes per message are averages of counted bytes: shown to two decimals, trailing zeros dropped. */
function formatCell(summary: MetricSummary | undefined, unit: string): string {
  if (summary === undefined) return '–';
  const value = unit === 'B' ? `${Number(summary.median.toFixed(2))} B` : formatValue(summary.median, unit);
  return summary.n > 1 && summary.spreadPct >= 0.5 ? `${value} ±${summary.spreadPct.toFixed(0)}%` : value;
}

function describeFailures(cells: readonly CellResult[]): string[] {
  const failed = cells.flatMap((cell) =>
    cell.runs
      .filter((run) => run.status === 'failed')
      .map(
        (run) =>
          `  ${cell.id} ${JSON.stringify(cell.params)} repeat ${run.repeat + 1}: ${run.error?.category} — ${run.error?.message.split('\n')[0]}`,
      ),
  );
  return failed.length > 0 ? [`failed runs:\n${failed.join('\n')}`] : [];
}
