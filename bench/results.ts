/**
 * The results document: one versioned JSON file per run, holding everything a report or a compare
 * needs, so nothing downstream ever re-measures. Reports import these types only.
 */
import type { Environment } from './env.js';
import type { MetricSpec } from './metrics.js';

export const RESULTS_SCHEMA = 'sse-ws-bench/results';
/**
 * The version this build writes. 2 added `metricSpecs` and dropped `plan.scenarios[].claims` (the
 * claim rules own which scenario answers which claim). Metrics kept their names and meaning.
 */
export const RESULTS_SCHEMA_VERSION = 2;
/**
 * The versions this build reads. A version-1 document has no `metricSpecs` (readers fall back to the
 * catalogue) and its scenarios' `claims` are ignored; its figures mean what version 2's do.
 */
export const READABLE_RESULTS_SCHEMA_VERSIONS: readonly number[] = [1, RESULTS_SCHEMA_VERSION];

/** Whether this build reads documents of this schemaVersion. */
export function isReadableSchemaVersion(version: unknown): version is number {
  return typeof version === 'number' && READABLE_RESULTS_SCHEMA_VERSIONS.includes(version);
}

/** `1 or 2`: the readable versions, for error messages. */
export function describeReadableSchemaVersions(): string {
  return READABLE_RESULTS_SCHEMA_VERSIONS.join(' or ');
}

/**
 * A loaded document in this build's shape: a version-1 document gets an empty `metricSpecs`, so
 * every reader asks the document first and the catalogue second without checking the version.
 * Mutates and returns `doc`; call it only after the schema and version checks.
 */
export function upgradeResultsDocument(doc: ResultsDocument): ResultsDocument {
  if (doc.metricSpecs === undefined || doc.metricSpecs === null)
    (doc as { metricSpecs: ResultsDocument['metricSpecs'] }).metricSpecs = {};
  return doc;
}

/** The transports a cell can measure; `tcp` is the floor neither transport can beat. */
export type { TransportName } from '../servers/server-config.js';
import type { TransportName } from '../servers/server-config.js';

/** Error categories (stable strings, never free text, so results can be grouped and gated). */
export type ErrorCategory =
  | 'config'
  | 'server-start'
  | 'connect'
  | 'http-status'
  | 'mime'
  | 'reset'
  | 'child-crash'
  | 'client-saturated'
  | 'integrity'
  | 'internal'
  | `timeout:${string}`
  | `protocol:${string}`
  | `close:${string}`
  /** A distributed run's shard (bench/distributed): late, died, failed, or the run past its deadline. */
  | `shard:${string}`;

export interface CategorisedError {
  category: ErrorCategory;
  message: string;
}

/** One repeat of one cell. `metrics` are flat, named with their unit (see bench/metrics.ts). */
export interface RunResult {
  /** 0-based repeat index within the cell. */
  repeat: number;
  /** Position in the interleaved run order across the whole plan (A B A B …). */
  order: number;
  startedAt: string;
  wallMs: number;
  status: 'ok' | 'failed';
  error?: CategorisedError;
  metrics: Record<string, number>;
  /** HdrHistogram encodings (base64, compressed), keyed by metric family, e.g. `latency_us`. */
  histograms: Record<string, string>;
  /** Latency over time: one point per second of the measured window (p50 and p99 in µs). */
  timeline?: TimelinePoint[];
  /** Errors that did not fail the run (a reset the client survived, say), counted by category. */
  errorCounts: Record<string, number>;
  warnings: string[];
  /** A distributed run (`--shards`): the load workers that ran this run's clients, one per shard. */
  hosts?: ShardHostRecord[];
}

/** A load worker that ran one shard of a distributed run (bench/distributed). */
export interface ShardHostRecord {
  /** 0-based. */
  shard: number;
  hostname: string;
  pid: number;
  /** Redis's clock minus this host's (ms), from the TIME sample with the shortest round trip. */
  clockOffsetMs: number;
  /** That sample's round trip to Redis (ms): the offset is right to within half of it. */
  clockRttMs: number;
  /** When this shard's warm-up began, minus the common start time (ms, on Redis's clock). */
  startSkewMs?: number;
  /**
   * On a host other than the server's: what its client added to every receive time to read it on
   * the server host's clock (ms), from both hosts' offsets to Redis. Absent on the server's host.
   */
  clockCorrectionMs?: number;
}

export interface TimelinePoint {
  tMs: number;
  count: number;
  p50Us: number;
  p99Us: number;
}

/** Median and spread of one metric across a cell's successful repeats. */
export interface MetricSummary {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, in percent; 0 when the median is 0. */
  spreadPct: number;
  n: number;
}

export interface CellResult {
  /** Stable id, e.g. `steady/sse` or `wire/ws/size=1024,kind=binary`. */
  id: string;
  scenario: string;
  transport: TransportName;
  /** What differs within a transport (e.g. `sse-post`, `ws-corked`); defaults to the transport. */
  variant: string;
  params: Record<string, string | number | boolean>;
  /** Server and client configuration exactly as run, so a reader can see what was compared. */
  config: { server: Record<string, unknown>; client: Record<string, unknown> };
  runs: RunResult[];
  summary: Record<string, MetricSummary>;
  warnings: string[];
}

/** A scenario as planned. Which claims it answers is not here: the claim rules say (reports/claims.ts). */
export interface ScenarioRecord {
  name: string;
  family: string;
  description: string;
  params: Record<string, unknown>;
}

export interface ResultsDocument {
  schema: typeof RESULTS_SCHEMA;
  /** RESULTS_SCHEMA_VERSION when written by this build; an older readable version when loaded. */
  schemaVersion: number;
  generatedAt: string;
  env: Environment;
  /** argv after `node cli.js`, so the report can show the exact command. */
  command: string[];
  plan: {
    profile: string;
    repeats: number;
    warmupMs: number;
    durationMs: number;
    target?: string;
    /** `--shards`: each stream cell's clients ran as this many shards on load workers (runs' `hosts` name them). */
    shards?: number;
    scenarios: ScenarioRecord[];
    /** Scenarios known to the harness but not run this time: their report rows say so. */
    skippedScenarios: string[];
  };
  cells: CellResult[];
  /**
   * The spec (unit, class, better direction, must-be-zero) of every metric some run of this
   * document reported, as the run knew it: reports and compare read these first, the catalogue
   * (bench/metric-catalogue.ts) second, so a saved run renders as it was measured.
   */
  metricSpecs: Record<string, MetricSpec>;
  warnings: string[];
  errors: (CategorisedError & { cell?: string })[];
  /** False when the run was interrupted (Ctrl-C) or a watchdog stopped it: partial results. */
  complete: boolean;
}
