/**
 * Builds synthetic results documents for the compare tests: known distributions with seeded noise,
 * so a test states the truth ("head is 30% slower") and checks that compare finds it.
 * Test helper only; kept in the build so it is type-checked with the code it exercises.
 */
import { specsForMetrics } from '../../bench/metric-catalogue.js';
import { medianOf } from '../../bench/compare/order-stats.js';
import { createRandom, type RandomSource } from '../../bench/compare/prng.js';
import {
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  type CellResult,
  type MetricSummary,
  type ResultsDocument,
  type RunResult,
  type TransportName,
} from '../../bench/results.js';

/** A metric whose runs scatter uniformly within ±noisePct around `center`. */
export interface NoisyValue {
  center: number;
  noisePct: number;
}

/** A constant, a noisy distribution, or explicit per-run values (index = repeat). */
export type MetricFixture = number | NoisyValue | readonly number[];

export interface CellFixture {
  id: string;
  transport?: TransportName;
  metrics: Record<string, MetricFixture>;
  /** Repeats whose status is 'failed' (by index), with a timeout error. */
  failedRepeats?: readonly number[];
}

export interface DocumentFixture {
  cells: readonly CellFixture[];
  repeats: number;
  /** Seed of the noise; two documents with different seeds are independent samples. */
  seed: number;
  profile?: string;
  complete?: boolean;
  errors?: ResultsDocument['errors'];
  skippedScenarios?: string[];
}

function drawValue(fixture: MetricFixture, repeat: number, random: RandomSource): number | undefined {
  if (typeof fixture === 'number') return fixture;
  if (Array.isArray(fixture)) return (fixture as readonly number[])[repeat];
  const noisy = fixture as NoisyValue;
  return noisy.center * (1 + (noisy.noisePct / 100) * (2 * random() - 1));
}

function buildRun(cell: CellFixture, repeat: number, order: number, random: RandomSource): RunResult {
  const metrics: Record<string, number> = {};
  for (const [name, fixture] of Object.entries(cell.metrics)) {
    const value = drawValue(fixture, repeat, random);
    if (value !== undefined) metrics[name] = value;
  }
  const failed = cell.failedRepeats?.includes(repeat) === true;
  return {
    repeat,
    order,
    startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, order)).toISOString(),
    wallMs: 1000,
    status: failed ? 'failed' : 'ok',
    ...(failed ? { error: { category: 'timeout:measure', message: 'no message for 5000 ms' } } : {}),
    metrics,
    histograms: {},
    errorCounts: {},
    warnings: [],
  };
}

function summariseRuns(runs: readonly RunResult[]): Record<string, MetricSummary> {
  const summary: Record<string, MetricSummary> = {};
  const names = new Set(runs.flatMap((run) => Object.keys(run.metrics)));
  for (const name of names) {
    const values = runs.filter((run) => run.status === 'ok').flatMap((run) => run.metrics[name] ?? []);
    if (values.length === 0) continue;
    const median = medianOf(values);
    const min = Math.min(...values);
    const max = Math.max(...values);
    summary[name] = { median, min, max, spreadPct: median === 0 ? 0 : ((max - min) / median) * 100, n: values.length };
  }
  return summary;
}

function buildCell(cell: CellFixture, cellIndex: number, fixture: DocumentFixture, random: RandomSource): CellResult {
  const transport = cell.transport ?? 'sse';
  const scenario = cell.id.split('/')[0] ?? cell.id;
  const runs = Array.from({ length: fixture.repeats }, (_, repeat) =>
    buildRun(cell, repeat, repeat * fixture.cells.length + cellIndex, random),
  );
  return {
    id: cell.id,
    scenario,
    transport,
    variant: transport,
    params: {},
    config: { server: {}, client: {} },
    runs,
    summary: summariseRuns(runs),
    warnings: [],
  };
}

/** Builds a complete, valid results document from a fixture description. */
export function buildResultsDocument(fixture: DocumentFixture): ResultsDocument {
  const random = createRandom(fixture.seed);
  const cells = fixture.cells.map((cell, index) => buildCell(cell, index, fixture, random));
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: '2025-01-01T00:00:00.000Z',
    // compare never reads the environment; an empty record keeps fixtures independent of its shape.
    env: {} as ResultsDocument['env'],
    command: ['--profile', fixture.profile ?? 'ci'],
    plan: {
      profile: fixture.profile ?? 'ci',
      repeats: fixture.repeats,
      warmupMs: 0,
      durationMs: 1000,
      scenarios: [],
      skippedScenarios: fixture.skippedScenarios ?? [],
    },
    cells,
    // As bench writes it: the catalogue's spec of every metric a run reported.
    metricSpecs: specsForMetrics(cells.flatMap((cell) => cell.runs.flatMap((run) => Object.keys(run.metrics)))),
    warnings: [],
    errors: fixture.errors ?? [],
    complete: fixture.complete ?? true,
  };
}

/**
 * A cell with the usual streaming metrics: latency and throughput scattered by ±`noisePct`, bytes
 * and loss counts exact. `overrides` replaces or adds metrics.
 */
export function buildStreamingCell(
  id: string,
  noisePct: number,
  overrides: Record<string, MetricFixture> = {},
): CellFixture {
  return {
    id,
    transport: id.includes('/ws') ? 'ws' : 'sse',
    metrics: {
      latency_p50_us: { center: 800, noisePct },
      latency_p99_us: { center: 2500, noisePct },
      throughput_msgs_per_sec: { center: 20_000, noisePct },
      wire_bytes_down_per_msg: 94,
      handshake_bytes_down: 182,
      lost_count: 0,
      duplicated_count: 0,
      corrupted_count: 0,
      messages_received: 20_000,
      ...overrides,
    },
  };
}
