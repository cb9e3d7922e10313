/**
 * From options to a plan: the scenarios to run, one cell per scenario variant with its server and
 * client configuration fully resolved, and the interleaved run order (SSE, WS, SSE, WS …). All
 * validation happens here, before anything starts: a bad option names its field and the fix.
 */
import { UsageError } from '../cli/usage-error.js';
import type { ClientRunConfig, LlmClientConfig } from '../clients/client-protocol.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../servers/server-config.js';
import { defaultTransportNames, isTransportName, TRANSPORT_NAMES, type TransportName } from '../transports/registry.js';
import { DEFAULT_STREAM_PARAMS, formatStreamQuery } from '../servers/stream-params.js';
import { PROFILES, type Profile } from './profiles.js';
import { SCENARIOS, type Scenario, type VariantSpec } from './scenarios.js';
import { applyServerImpls, type ServerImpl } from './seed/server-impl.js';
import { checkCellParams, targetRefusal } from './cell-params.js';
// The stream family's params; the other families define theirs beside their runners (bench/all-families.ts).
import './stream-cell-params.js';

export interface RunOptions {
  profile: string;
  scenarios?: string[];
  transports?: string[];
  repeats?: number;
  warmupMs?: number;
  durationMs?: number;
  /** Measure an already running server per transport instead of starting ours. */
  targets?: Partial<Record<TransportName, string>>;
  /** With https:// or wss:// targets: do not check their certificates. */
  insecure?: boolean;
  /** Test only: misbehaviour injected into every server (a known slowdown or loss for the compare's tests). */
  inject?: ServerConfig['inject'];
  /** `--server`: which server stacks the stream cells run on (absent: the Node servers); see bench/seed/server-impl.ts. */
  serverImpls?: ServerImpl[];
  /** `--client-processes`: each stream cell's clients split over this many local processes (bench/cell-clients.ts). */
  clientProcesses?: number;
  /** `--capacity-p99-ms`: the capacity search's p99 limit (cells with a `p99LimitMs` param). */
  capacityP99Ms?: number;
  /** `--redis`: the Redis the load workers take shards from (a checked redis:// URL); see bench/distributed/. */
  redis?: string;
  /** `--shards`: each stream cell's client side split over this many workers (needs `redis`). */
  shards?: number;
}

export type ClientPlan = Omit<ClientRunConfig, 'url'>;

export interface CellPlan {
  id: string;
  scenario: Scenario;
  transport: TransportName;
  variant: string;
  params: Record<string, string | number | boolean>;
  server: ServerConfig;
  client: ClientPlan;
  /** Query string the client adds to the stream URL. */
  query: string;
  /** Set when the cell measures the user's server instead of ours. */
  target?: string;
  /** `java`: the cell runs on the article's Spring/Tomcat server (bench/seed/server-impl.ts), not ours. */
  serverImpl?: 'java';
  /** Client processes that share the connections (bench/cell-clients.ts); 1 for all but the largest cells. */
  clientProcesses: number;
  /** `--redis/--shards`: the client side runs as shards on load workers (bench/distributed/), not here. */
  distributed?: { redis: string; shards: number };
}

export interface Plan {
  profile: Profile;
  repeats: number;
  warmupMs: number;
  durationMs: number;
  scenarios: Scenario[];
  skippedScenarios: string[];
  cells: CellPlan[];
  /** Run order: every repeat of a scenario interleaves its cells, A B A B … */
  order: { cell: number; repeat: number }[];
  warnings: string[];
  /** `--shards`: how many load workers share each stream cell's connections (absent: this machine alone). */
  shards?: number;
}

/**
 * Up to SEQUENTIAL_CONNECT_LIMIT connections open one at a time, so `connect_*` times one handshake
 * rather than a queue of them; more (fan-out's thousand) open BURST_CONNECT_CONCURRENCY at a time,
 * and there the figure is a handshake under a burst of connects, as such a server meets it.
 */
const SEQUENTIAL_CONNECT_LIMIT = 50;
const BURST_CONNECT_CONCURRENCY = 100;
const DEFAULT_LLM: LlmClientConfig = {
  method: 'sse-post',
  tokens: 50,
  tokenDelayMs: 20,
  prompt: 'Explain server-sent events in one paragraph.',
};

function positiveInt(field: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(field, `must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

function selectScenarios(names: string[] | undefined, profile: Profile): Scenario[] {
  if (names === undefined || names.length === 0) return SCENARIOS.filter((s) => isInProfile(s, profile));
  return names.map((name) => {
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (scenario === undefined)
      throw new UsageError(
        '--scenario',
        `unknown scenario ${JSON.stringify(name)}; choose from ${SCENARIOS.map((s) => s.name).join(', ')} (see --list)`,
      );
    return scenario;
  });
}

/**
 * With --target, the scenarios that measure only our own servers: refused when named (the message
 * says why and how to run it), skipped with a warning when the profile brought them in. Decided here,
 * before anything starts, not by a cell failing mid-run.
 */
function excludeOwnServersOnly(scenarios: Scenario[], options: RunOptions, warnings: string[]): Scenario[] {
  if (options.targets === undefined || Object.keys(options.targets).length === 0) return scenarios;
  return scenarios.filter((scenario) => {
    if (scenario.ownServersOnly === undefined) return true;
    if (options.scenarios !== undefined) {
      throw new UsageError(
        '--target',
        `scenario ${scenario.name} ${scenario.ownServersOnly}, so it cannot measure a --target: drop it from --scenario, or run it without --target`,
      );
    }
    warnings.push(`${scenario.name}: skipped with --target: it ${scenario.ownServersOnly}`);
    return false;
  });
}

/** Why a scenario's clients cannot be split into shards, or undefined when they can. */
export function unshardableReason(scenario: Scenario, shards: number): string | undefined {
  if (scenario.family !== 'stream')
    return `is a ${scenario.family} scenario, whose clients are not plain stream clients`;
  if (scenario.chat !== undefined) return 'has chat members, who post as well as receive';
  if (scenario.variants.some((v) => v.llm !== undefined)) return 'streams LLM answers to prompts, one per request';
  if (scenario.connections < shards)
    return `has ${scenario.connections} connection${scenario.connections === 1 ? '' : 's'}, fewer than --shards ${shards}`;
  return undefined;
}

/**
 * The --redis and --shards pair, checked together; and the scenarios whose clients cannot be
 * sharded, treated as --target treats those that measure only our servers: refused when named,
 * skipped with a warning when the profile brought them in.
 */
function resolveDistributed(
  scenarios: Scenario[],
  options: RunOptions,
  warnings: string[],
): { scenarios: Scenario[]; distributed?: { redis: string; shards: number } } {
  const shards = positiveInt('--shards', options.shards, 1, 1000);
  if (shards === undefined && options.redis === undefined) return { scenarios };
  if (shards === undefined)
    throw new UsageError(
      '--redis',
      'needs --shards N: how many load workers share each stream cell (e.g. --redis redis://10.0.0.5:6379 --shards 4)',
    );
  if (options.redis === undefined)
    throw new UsageError(
      '--shards',
      'needs --redis URL, the Redis the load workers take their shards from (e.g. --redis redis://10.0.0.5:6379 --shards 4; start the workers with npm run worker -- --redis URL)',
    );
  const kept = scenarios.filter((scenario) => {
    const reason = unshardableReason(scenario, shards);
    if (reason === undefined) return true;
    if (options.scenarios !== undefined)
      throw new UsageError(
        '--shards',
        `scenario ${scenario.name} ${reason}, so it cannot run in shards: drop it from --scenario, or run it without --redis/--shards`,
      );
    warnings.push(`${scenario.name}: skipped with --shards: it ${reason}`);
    return false;
  });
  return { scenarios: kept, distributed: { redis: options.redis, shards } };
}

/**
 * `--client-processes N`: which scenarios' cells get N local client processes. Their clients are split
 * as shards' are, so the same scenarios qualify; one that does not is refused when named and keeps
 * its own count, with a warning, when a profile brought it in.
 */
function clientProcessesFor(scenarios: Scenario[], options: RunOptions, warnings: string[]): Map<Scenario, number> {
  const processes = positiveInt('--client-processes', options.clientProcesses, 1, 64);
  const chosen = new Map<Scenario, number>();
  if (processes === undefined) return chosen;
  if (options.shards !== undefined)
    throw new UsageError('--client-processes', 'is for one machine; with --shards each load worker runs its own share');
  for (const scenario of scenarios) {
    const reason = unshardableReason(scenario, processes);
    if (reason === undefined) chosen.set(scenario, processes);
    else if (options.scenarios !== undefined)
      throw new UsageError(
        '--client-processes',
        `scenario ${scenario.name} ${reason}, so its clients cannot be split: drop it from --scenario, or run it without --client-processes`,
      );
    else warnings.push(`${scenario.name}: keeps its own client processes: it ${reason}`);
  }
  return chosen;
}

/** Whether a profile runs the scenario when no --scenario is given. */
function isInProfile(scenario: Scenario, profile: Profile): boolean {
  if (scenario.onlyWhenNamed !== undefined) return false;
  if (profile.cells === 'ci') return scenario.inCiProfile === true;
  if (profile.cells === 'default') return scenario.inDefaultProfile !== undefined;
  return true;
}

/** Whether a profile runs this variant of the scenario: the CI's variants, the default profile's share, or all. */
function isVariantInProfile(scenario: Scenario, spec: VariantSpec, profile: Profile): boolean {
  const variant = spec.variant ?? spec.transport;
  if (profile.cells === 'ci') return scenario.ciVariants === undefined || scenario.ciVariants.includes(variant);
  const share = profile.cells === 'default' ? scenario.inDefaultProfile : undefined;
  if (share === undefined) return true;
  if (share.variants !== undefined && !share.variants.includes(variant)) return false;
  return Object.entries(share.points ?? {}).every(([key, values]) => {
    const value = spec.params?.[key];
    return value !== undefined && values.includes(value);
  });
}

/** The transports named, else those of the --target URLs, else the default selection (the plain ones). */
function selectTransports(
  names: string[] | undefined,
  targets: Partial<Record<TransportName, string>>,
): TransportName[] {
  if (names === undefined) {
    const targeted = Object.keys(targets) as TransportName[];
    return targeted.length > 0 ? targeted : defaultTransportNames();
  }
  for (const name of names) {
    if (!isTransportName(name))
      throw new UsageError(
        '--transports',
        `unknown transport ${JSON.stringify(name)}; choose from ${TRANSPORT_NAMES.join(', ')}`,
      );
  }
  return names as TransportName[];
}

function buildCell(
  scenario: Scenario,
  spec: VariantSpec,
  timing: { warmupMs: number; durationMs: number },
  target: string | undefined,
): CellPlan {
  const variant = spec.variant ?? spec.transport;
  const stream = { ...DEFAULT_STREAM_PARAMS, ...scenario.stream };
  const server: ServerConfig = {
    ...DEFAULT_SERVER_CONFIG,
    transport: spec.transport,
    port: 0,
    defaults: stream,
    ...spec.server,
  };
  const llm = spec.llm ? { ...DEFAULT_LLM, ...spec.llm } : undefined;
  const client: ClientPlan = {
    transport: spec.transport,
    connections: scenario.connections,
    connectConcurrency: scenario.connections <= SEQUENTIAL_CONNECT_LIMIT ? 1 : BURST_CONNECT_CONCURRENCY,
    warmupMs: Math.max(timing.warmupMs, scenario.minWarmupMs ?? 0),
    durationMs: Math.max(timing.durationMs, scenario.minDurationMs ?? 0),
    mode: 'full',
    perMessageDeflate: server.perMessageDeflate,
    untilEnd: stream.count > 0,
    ...(scenario.connectRatePerSec !== undefined ? { connectRatePerSec: scenario.connectRatePerSec } : {}),
    ...(scenario.measureMemory ? { measureMemory: true } : {}),
    ...spec.client,
    ...(llm ? { llm } : {}),
    ...(scenario.chat ? { chat: scenario.chat } : {}),
  };
  const params: CellPlan['params'] = {
    ...(llm
      ? { connections: scenario.connections, tokens: llm.tokens, tokenDelayMs: llm.tokenDelayMs, method: llm.method }
      : scenario.chat
        ? { connections: scenario.connections, ...scenario.chat }
        : {
            connections: scenario.connections,
            ratePerSec: stream.ratePerSec,
            payloadBytes: stream.payloadBytes,
            kind: stream.kind,
            writeMode: server.writeMode,
            clientMode: client.mode,
          }),
    ...spec.params,
  };
  return {
    id: `${scenario.name}/${variant}`,
    scenario,
    transport: spec.transport,
    variant,
    params,
    server,
    client,
    query: llm || scenario.chat ? '' : formatStreamQuery(scenario.stream),
    ...(target !== undefined ? { target } : {}),
    clientProcesses: scenario.clientProcesses ?? 1,
  };
}

/**
 * Sweeps reuse one variant name across parameters (`wire/sse` at every size and kind), because that
 * is how a report pairs SSE with WS. Ids must still be unique — results and the compare key on
 * them — so a repeated id gets the variant's own parameters: `wire/sse/size=16,kind=text`.
 */
function disambiguateIds(cells: CellPlan[]): void {
  const groups = new Map<string, CellPlan[]>();
  for (const cell of cells) groups.set(cell.id, [...(groups.get(cell.id) ?? []), cell]);
  for (const [id, group] of groups) {
    if (group.length === 1) continue;
    // The parameters the scenario names as identifying (size and kind, not the payloadBytes and
    // count that follow from them), else every parameter that tells these cells apart.
    const first = group[0]!;
    const varies = (key: string) => new Set(group.map((c) => String(c.params[key]))).size > 1;
    const keys = (first.scenario.idParams ?? Object.keys(first.params)).filter(varies);
    for (const cell of group) cell.id = `${id}/${keys.map((key) => `${key}=${cell.params[key]}`).join(',')}`;
  }
  const seen = new Set<string>();
  for (const cell of cells) {
    if (seen.has(cell.id))
      throw new Error(`two cells share the id ${cell.id}: give their variants distinct names or params`);
    seen.add(cell.id);
  }
}

export function resolvePlan(options: RunOptions): Plan {
  const profile = PROFILES[options.profile];
  if (profile === undefined)
    throw new UsageError(
      '--profile',
      `unknown profile ${JSON.stringify(options.profile)}; choose from ${Object.keys(PROFILES).join(', ')}`,
    );
  const repeats = positiveInt('--repeats', options.repeats, 1, 100) ?? profile.repeats;
  const warmupMs = positiveInt('--warmup-ms', options.warmupMs, 0, 600_000) ?? profile.warmupMs;
  const durationMs = positiveInt('--duration-ms', options.durationMs, 100, 3_600_000) ?? profile.durationMs;
  const p99LimitMs = positiveInt('--capacity-p99-ms', options.capacityP99Ms, 1, 600_000);
  const targets = options.targets ?? {};
  const transports = selectTransports(options.transports, targets);
  const warnings: string[] = [];
  const { scenarios, distributed } = resolveDistributed(
    excludeOwnServersOnly(selectScenarios(options.scenarios, profile), options, warnings),
    options,
    warnings,
  );
  const clientProcesses = clientProcessesFor(scenarios, options, warnings);
  const cells: CellPlan[] = [];
  /** Scenarios with cells skipped for a --target they cannot measure, and why. */
  const targetRefused = new Map<Scenario, string>();
  for (const scenario of scenarios) {
    for (const spec of scenario.variants) {
      if (!transports.includes(spec.transport)) continue;
      if (!isVariantInProfile(scenario, spec, profile)) continue;
      const target = targets[spec.transport];
      if (Object.keys(targets).length > 0 && target === undefined) {
        warnings.push(
          `${scenario.name}/${spec.variant ?? spec.transport}: skipped, no --target given for ${spec.transport}`,
        );
        continue;
      }
      const cell = buildCell(scenario, spec, { warmupMs, durationMs }, target);
      const refusal = targetRefusal(cell);
      if (refusal !== undefined) {
        targetRefused.set(scenario, refusal);
        warnings.push(`${cell.id}: skipped with --target: it ${refusal}`);
        continue;
      }
      if (options.inject) cell.server.inject = options.inject;
      if (target !== undefined && options.insecure) cell.client.tls = { insecure: true };
      if (distributed !== undefined) cell.distributed = distributed;
      cell.clientProcesses = clientProcesses.get(scenario) ?? cell.clientProcesses;
      if (p99LimitMs !== undefined && 'p99LimitMs' in cell.params) cell.params.p99LimitMs = p99LimitMs;
      cells.push(cell);
    }
  }
  for (const [scenario, refusal] of targetRefused)
    if (options.scenarios !== undefined && !cells.some((cell) => cell.scenario === scenario))
      throw new UsageError(
        '--target',
        `scenario ${scenario.name} ${refusal}: drop it from --scenario, or give it a --target it can measure`,
      );
  if (cells.length === 0)
    throw new UsageError('--scenario', 'nothing to run: the scenarios and transports chosen leave no cell');
  if (p99LimitMs !== undefined && !cells.some((cell) => 'p99LimitMs' in cell.params))
    throw new UsageError('--capacity-p99-ms', 'applies to the capacity scenario only: add --scenario capacity');
  disambiguateIds(cells);
  for (const cell of cells) checkCellParams(cell);
  const order: Plan['order'] = [];
  for (const scenario of scenarios) {
    const indices = cells.flatMap((cell, i) => (cell.scenario === scenario ? [i] : []));
    for (let repeat = 0; repeat < repeats; repeat++) for (const cell of indices) order.push({ cell, repeat });
  }
  const skippedScenarios = SCENARIOS.filter((s) => !scenarios.includes(s)).map((s) => s.name);
  return applyServerImpls(
    {
      profile,
      repeats,
      warmupMs,
      durationMs,
      scenarios,
      skippedScenarios,
      cells,
      order,
      warnings,
      ...(distributed !== undefined ? { shards: distributed.shards } : {}),
    },
    options.serverImpls,
  );
}
