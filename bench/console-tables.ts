/**
 * The console's view of a results document: one table per scenario, variants side by side, the
 * WS/SSE ratio where a scenario has one of each, the harness-overhead ratios. Returns a string; the
 * CLI decides where it goes.
 */
import { formatRatioOf, formatSummary, renderTable } from './console-format.js';
import { resolveMetricSpec } from './metric-catalogue.js';
import type { MetricSpecs } from './metrics.js';
import type { CellResult, ResultsDocument } from './results.js';
import { COMPARED_FAMILIES, plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../transports/families.js';

/** The metrics worth a row in the console, in order; a row shows only where some cell has it. */
const CONSOLE_METRICS: string[] = [
  'latency_p50_us',
  'latency_p99_us',
  'latency_p999_us',
  'latency_max_us',
  'service_latency_p50_us',
  'service_latency_p99_us',
  'write_lag_p50_us',
  'write_lag_p99_us',
  'bare_probe_latency_p50_us',
  'bare_probe_latency_p99_us',
  'floor_over_bare_probe_p50_ratio',
  'ttft_p50_us',
  'ttft_p99_us',
  'itl_p50_us',
  'itl_p99_us',
  'throughput_msgs_per_sec',
  'throughput_mib_per_sec',
  'wire_bytes_down_per_msg',
  'app_bytes_down_per_msg',
  'handshake_bytes_down',
  'handshake_bytes_up',
  'connect_p50_us',
  'connect_cold_p50_us',
  'first_message_p50_us',
  'lost_count',
  'duplicated_count',
  'reordered_count',
  'corrupted_count',
  'client_cpu_pct',
  'server_cpu_pct',
  'server_cpu_us_per_msg',
  'server_heap_kib_per_conn',
  'server_rss_mib',
];

/** Secondary percentiles stay in the results and the report; the console shows p50 and p99. */
const SECONDARY_PERCENTILE = /_(p90|p999|max|mean)_us$/;

/** The rows for these cells: the known list first, then any other gated metric a family reports. */
function rowMetrics(cells: CellResult[], specs: MetricSpecs): string[] {
  const present = new Set(cells.flatMap((c) => Object.keys(c.summary)));
  const known = CONSOLE_METRICS.filter((name) => present.has(name));
  const extra = [...present].filter(
    (name) =>
      !CONSOLE_METRICS.includes(name) &&
      !SECONDARY_PERCENTILE.test(name) &&
      (resolveMetricSpec(name, [specs])?.class ?? 'info') !== 'info',
  );
  return [...known, ...extra.sort()];
}

/** Lets a scenario family add its metrics to the console's rows (after the built-in ones), `info` ones included. */
export function registerConsoleMetrics(names: readonly string[]): void {
  for (const name of names) if (!CONSOLE_METRICS.includes(name)) CONSOLE_METRICS.push(name);
}

/** Renders every table of one scenario; a family whose cells need another layout registers one. */
export type ScenarioTableRenderer = (doc: ResultsDocument, scenario: string) => string;

const SCENARIO_RENDERERS = new Map<string, ScenarioTableRenderer>();

/** Lets a scenario family lay out its own tables (the wire family: one per payload size and kind). */
export function registerScenarioTables(scenarios: readonly string[], render: ScenarioTableRenderer): void {
  for (const scenario of scenarios) SCENARIO_RENDERERS.set(scenario, render);
}

function unitOf(name: string, specs: MetricSpecs): string {
  return resolveMetricSpec(name, [specs])?.unit ?? '';
}

/** The pair whose ratio the table shows: the SSE and WS families' plain cells (or their only variants). */
function ratioPair(cells: CellResult[]): [CellResult, CellResult] | undefined {
  const pick = (t: string) =>
    cells.find((c) => c.variant === t) ??
    (cells.filter((c) => c.transport === t).length === 1 ? cells.find((c) => c.transport === t) : undefined);
  const sse = pick(plainTransportOf(SSE_FAMILY));
  const ws = pick(plainTransportOf(WS_FAMILY));
  return sse && ws ? [sse, ws] : undefined;
}

export function renderScenarioTable(doc: ResultsDocument, scenario: string): string {
  const cells = doc.cells.filter((c) => c.scenario === scenario && c.runs.length > 0);
  if (cells.length === 0) return '';
  const pair = ratioPair(cells);
  const header = ['metric', ...cells.map((c) => c.variant), ...(pair ? [`${pair[1].variant}/${pair[0].variant}`] : [])];
  const rows: string[][] = [];
  for (const name of rowMetrics(cells, doc.metricSpecs)) {
    const unit = unitOf(name, doc.metricSpecs);
    const row = [name, ...cells.map((c) => formatSummary(c.summary[name], unit))];
    if (pair) row.push(formatRatioOf(pair[1].summary[name]?.median, pair[0].summary[name]?.median));
    rows.push(row);
  }
  const failed = cells.flatMap((c) =>
    c.runs
      .filter((r) => r.status === 'failed')
      .map((r) => `  ${c.id} repeat ${r.repeat + 1}: ${r.error?.category} — ${r.error?.message.split('\n')[0]}`),
  );
  const warnings = [...new Set(cells.flatMap((c) => c.warnings.map((w) => `  ${c.id}: ${w}`)))];
  return [
    `== ${scenario} ==`,
    renderTable(header, rows),
    ...(failed.length ? ['failed runs:', ...failed] : []),
    ...(warnings.length ? ['warnings:', ...warnings] : []),
  ].join('\n');
}

/** full/bare receive-rate ratio per transport: what the harness's own checks cost. */
export function harnessOverheadRatios(doc: ResultsDocument): Record<string, number> {
  const rate = (variant: string) =>
    doc.cells.find((c) => c.scenario === 'harness-overhead' && c.variant === variant)?.summary.throughput_msgs_per_sec
      ?.median;
  const ratios: Record<string, number> = {};
  for (const transport of COMPARED_FAMILIES.map(plainTransportOf)) {
    const full = rate(`${transport}-full`);
    const bare = rate(`${transport}-bare`);
    if (full !== undefined && bare !== undefined && bare > 0) ratios[transport] = full / bare;
  }
  return ratios;
}

export function renderConsoleTables(doc: ResultsDocument): string {
  const scenarios = [...new Set(doc.cells.map((c) => c.scenario))];
  const tables = scenarios.map((s) => (SCENARIO_RENDERERS.get(s) ?? renderScenarioTable)(doc, s)).filter(Boolean);
  const overhead = harnessOverheadRatios(doc);
  if (Object.keys(overhead).length > 0) {
    tables.push(
      `harness overhead (full client / bare counting client, receive rate; goal >= 0.80): ${Object.entries(overhead)
        .map(([t, r]) => `${t} ${r.toFixed(2)}`)
        .join(', ')}`,
    );
  }
  return tables.join('\n\n');
}
