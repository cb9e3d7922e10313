/**
 * Read-only questions about a results document that every renderer asks: did a scenario run, which
 * cells compare like with like, which cell is a transport's best-practice one. Kept in one place so
 * the claims table and the scenario tables can never disagree about what was compared.
 */
import type { CellResult, MetricSummary, ResultsDocument, RunResult, TransportName } from '../bench/results.js';
import { type ComparedFamily, plainTransportOf, SSE_FAMILY, TCP_FAMILY, WS_FAMILY } from '../transports/families.js';
import { TRANSPORTS } from '../transports/registry.js';
import type { TransportFamily } from '../transports/transport.js';

/** How each transport is named in tables and chart legends: as its transport declares. */
export const TRANSPORT_LABELS = Object.fromEntries(
  TRANSPORTS.map((transport) => [transport.name, transport.label]),
) as Record<TransportName, string>;

/** Why a scenario has (or has no) figures in this document. */
export type ScenarioStatus =
  | { kind: 'ran'; cells: CellResult[] }
  | { kind: 'skipped' }
  | { kind: 'absent' }
  | { kind: 'all-failed'; cells: CellResult[] };

/** `reconnect-*` matches every scenario whose name starts with `reconnect-`; other names match exactly. */
export function matchesScenario(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** The cells of every scenario matching `pattern`, in document order. */
export function cellsOf(doc: ResultsDocument, pattern: string): CellResult[] {
  return doc.cells.filter((cell) => matchesScenario(cell.scenario, pattern));
}

/** The scenarios matching `pattern` that the plan skipped, in plan order. */
export function skippedScenariosOf(doc: ResultsDocument, pattern: string): string[] {
  return doc.plan.skippedScenarios.filter((name) => matchesScenario(name, pattern));
}

/**
 * A scenario listed as skipped counts as not run even if stale cells of it are present, because the
 * plan is the authority on what this run measured. A prefix pattern (`reconnect-*`) ran when any
 * scenario it matches ran: running three of six faults must not make the other three hide them.
 */
export function scenarioStatus(doc: ResultsDocument, pattern: string): ScenarioStatus {
  const skipped = skippedScenariosOf(doc, pattern);
  // Cells are listed when planned and fill in as repeats finish: one without runs was not run.
  const cells = cellsOf(doc, pattern).filter((cell) => cell.runs.length > 0 && !skipped.includes(cell.scenario));
  if (cells.length === 0) return skipped.length > 0 ? { kind: 'skipped' } : { kind: 'absent' };
  if (cells.every((cell) => okRuns(cell).length === 0)) return { kind: 'all-failed', cells };
  return { kind: 'ran', cells };
}

/** The cells of `pattern` when it ran, else none: for rules that read whichever of several scenarios ran. */
export function ranCellsOf(doc: ResultsDocument, pattern: string): CellResult[] {
  const status = scenarioStatus(doc, pattern);
  return status.kind === 'ran' ? status.cells : [];
}

/** Scenario names in plan order, then any that only appear in cells. */
export function scenarioNames(doc: ResultsDocument): string[] {
  const names = doc.plan.scenarios.map((scenario) => scenario.name);
  for (const cell of doc.cells) names.push(cell.scenario);
  return [...new Set(names)];
}

export function okRuns(cell: CellResult): RunResult[] {
  return cell.runs.filter((run) => run.status === 'ok');
}

/** A metric's summary, or undefined when no successful repeat recorded it. */
export function metricSummary(cell: CellResult | undefined, metric: string): MetricSummary | undefined {
  const summary = cell?.summary[metric];
  return summary !== undefined && summary.n > 0 ? summary : undefined;
}

export function metricMedian(cell: CellResult | undefined, metric: string): number | undefined {
  return metricSummary(cell, metric)?.median;
}

/** Whether the cell was measured on the family's plain transport, not on another layer of it (TLS, HTTP/2). */
export function onPlainTransport(cell: CellResult, family: TransportFamily): boolean {
  return cell.transport === plainTransportOf(family);
}

/**
 * The cell that stands for a family: the one of its plain transport whose variant is the transport's
 * own name (its best practice), else the first of that transport in document order.
 */
export function primaryCell(cells: readonly CellResult[], family: TransportFamily): CellResult | undefined {
  const ofTransport = cells.filter((cell) => onPlainTransport(cell, family));
  return ofTransport.find((cell) => cell.variant === cell.transport) ?? ofTransport[0];
}

export function findVariant(cells: readonly CellResult[], variant: string): CellResult | undefined {
  return cells.find((cell) => cell.variant === variant);
}

/** `SSE`, `WebSocket`, or `WebSocket (ws-uncorked)` for a variant that is not the transport itself. */
export function describeCell(cell: CellResult): string {
  const label = TRANSPORT_LABELS[cell.transport];
  return cell.variant === cell.transport ? label : `${label} (${cell.variant})`;
}

/** Payload size of a cell: `size` in the later scenarios, `payloadBytes` in the stream family. */
export function payloadBytesOf(cell: CellResult): number | undefined {
  const size = cell.params['size'] ?? cell.params['payloadBytes'];
  return typeof size === 'number' ? size : undefined;
}

/** A set of cells measured under the same swept parameters (one payload size, one resume mode…). */
export interface Condition {
  /** `size=1024, kind=binary`; empty when the scenario sweeps nothing. */
  label: string;
  params: Record<string, string | number | boolean>;
  cells: CellResult[];
}

/**
 * Groups a scenario's cells by the parameters it sweeps. A swept parameter is one that takes more
 * than one value within a single variant: parameters that differ only *between* variants (the
 * write mode of a naive writer, say) describe the variant and must not split the comparison.
 */
export function groupConditions(cells: readonly CellResult[]): Condition[] {
  const sweptKeys = findSweptKeys(cells);
  const labelKeys = dropEchoedKeys(sweptKeys, cells);
  const conditions = new Map<string, Condition>();
  for (const cell of cells) {
    const params = Object.fromEntries(sweptKeys.map((key) => [key, cell.params[key] ?? '']));
    const label = labelKeys.map((key) => `${key}=${String(params[key])}`).join(', ');
    const condition = conditions.get(label) ?? { label, params, cells: [] };
    condition.cells.push(cell);
    conditions.set(label, condition);
  }
  return [...conditions.values()];
}

/**
 * The swept keys worth naming in a label: of two that carry the same value in every cell (the wire
 * cells' `size` and `payloadBytes`), the shorter name stands for both.
 */
function dropEchoedKeys(keys: readonly string[], cells: readonly CellResult[]): string[] {
  const echoes = (a: string, b: string) => cells.every((cell) => String(cell.params[a]) === String(cell.params[b]));
  return keys.filter((key) => !keys.some((other) => other !== key && other.length < key.length && echoes(other, key)));
}

function findSweptKeys(cells: readonly CellResult[]): string[] {
  // key → (scenario/variant → the values that variant took)
  const valuesByKey = new Map<string, Map<string, Set<string>>>();
  for (const cell of cells) {
    for (const [key, value] of Object.entries(cell.params)) {
      const byVariant = valuesByKey.get(key) ?? new Map<string, Set<string>>();
      const variantId = `${cell.scenario}/${cell.variant}`;
      byVariant.set(variantId, (byVariant.get(variantId) ?? new Set<string>()).add(String(value)));
      valuesByKey.set(key, byVariant);
    }
  }
  return [...valuesByKey.entries()]
    .filter(([, byVariant]) => [...byVariant.values()].some((values) => values.size > 1))
    .map(([key]) => key);
}

/** One SSE cell and one WS cell measured under the same condition: a cell per compared family. */
export interface TransportPair extends Record<ComparedFamily, CellResult> {
  /** `steady` or `wire size=1024, kind=binary`. */
  label: string;
  condition: Condition;
}

/**
 * Pairs the SSE and WS cells of each condition, by variant name when given (e.g. `sse-post` with
 * `ws-frames`), else the transports' primary cells. Conditions missing either side are left out.
 */
export function pairTransports(
  cells: readonly CellResult[],
  variants: Partial<Record<ComparedFamily, string>> = {},
): TransportPair[] {
  const pairs: TransportPair[] = [];
  for (const condition of groupConditions(cells)) {
    const side = (family: ComparedFamily): CellResult | undefined => {
      const variant = variants[family];
      return variant !== undefined ? findVariant(condition.cells, variant) : primaryCell(condition.cells, family);
    };
    const sse = side(SSE_FAMILY);
    const ws = side(WS_FAMILY);
    if (sse === undefined || ws === undefined) continue;
    const scenario = sse.scenario;
    pairs.push({ label: condition.label === '' ? scenario : `${scenario} ${condition.label}`, condition, sse, ws });
  }
  return pairs;
}

/** Parameters that describe how a variant is implemented, not the load it was measured under. */
const IMPLEMENTATION_PARAMS = new Set(['writeMode', 'clientMode']);

/**
 * The TCP floor measured under the same load as `cell`: a `tcp` cell of the same scenario, else a
 * `tcp-floor` cell, whose every load parameter (rate, size, connections…) the cell shares with the
 * same value. A floor under another load would not be a floor for this cell: none beats a wrong one.
 */
/**
 * The run's latency resolution: the lowest median one-way latency (scheduled → received) any
 * tcp-floor cell measured. Every transport's latency contains this floor, so two medians closer
 * together than it are not told apart by this run. Undefined when the floor did not run.
 */
export function latencyResolutionUs(doc: ResultsDocument): number | undefined {
  const floors = cellsOf(doc, 'tcp-floor')
    .map((cell) => metricMedian(cell, 'latency_p50_us'))
    .filter((value): value is number => value !== undefined);
  return floors.length > 0 ? Math.min(...floors) : undefined;
}

export function findTcpFloor(doc: ResultsDocument, cell: CellResult): CellResult | undefined {
  const candidates = [...doc.cells.filter((c) => c.scenario === cell.scenario), ...cellsOf(doc, 'tcp-floor')].filter(
    (candidate) => onPlainTransport(candidate, TCP_FAMILY) && okRuns(candidate).length > 0,
  );
  return candidates.find((candidate) => haveSameLoad(candidate, cell));
}

function haveSameLoad(floor: CellResult, cell: CellResult): boolean {
  return Object.entries(floor.params).every(
    ([key, value]) => IMPLEMENTATION_PARAMS.has(key) || cell.params[key] === value,
  );
}

/** Scenarios with at least one successful repeat, in report order (skipped ones excluded). */
export function ranScenarioNames(doc: ResultsDocument): string[] {
  return scenarioNames(doc).filter((name) => scenarioStatus(doc, name).kind === 'ran');
}
