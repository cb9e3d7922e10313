/**
 * A realistic results document for the report tests, built the way the runner builds one: real
 * HDR histograms recorded from seeded pseudo-random latencies, metrics read back from them, and
 * per-cell summaries (median, spread) over the successful repeats. Seeded, so every build of it is
 * byte-identical and the report snapshot is stable.
 *
 * Covers steady, fan-out, llm-stream, tcp-floor, max-throughput, harness-overhead and wire; one
 * saturated client warning, one failed repeat with its error, and a fan-out histogram too small
 * for p99.9, so the report's warnings have something to flag. The scenarios of the other families
 * (other languages, a browser, nginx, a chat room) come from report-fixture-family-specs.ts, and the fault,
 * client-impl and framing scenarios from report-fixture-fault-specs.ts, with the figures a real run of
 * them produced. The fault scenarios the fixture leaves out are listed as skipped, as a run that
 * picked some of them with --scenario lists them.
 */
// A seeded PRNG, so the fixture never changes between builds.
import { createRandom } from '../../bench/compare/prng.js';
import * as hdr from 'hdr-histogram-js';
import type { Environment } from '../../bench/env.js';
import { specsForMetrics } from '../../bench/metric-catalogue.js';
import {
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  type CellResult,
  type MetricSummary,
  type ResultsDocument,
  type RunResult,
  type TimelinePoint,
  type TransportName,
} from '../../bench/results.js';
import { buildFamilySpecs, FAMILY_SCENARIO_RECORDS } from './report-fixture-family-specs.js';
import { buildFaultSpecs, FAULT_SCENARIO_RECORDS, SKIPPED_FAULT_SCENARIOS } from './report-fixture-fault-specs.js';

export const FIXTURE_GENERATED_AT = '2026-01-02T03:04:05.000Z';
const REPEATS = 3;
const WARMUP_MS = 1000;
const DURATION_MS = 5000;

/** Log-normal around a median: latency distributions have a long right tail. */
function sampleLogNormal(random: () => number, medianUs: number, sigma: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(1, Math.round(medianUs * Math.exp(sigma * gaussian)));
}

function recordHistogram(random: () => number, medianUs: number, sigma: number, samples: number): hdr.Histogram {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  for (let i = 0; i < samples; i += 1) histogram.recordValue(sampleLogNormal(random, medianUs, sigma));
  return histogram;
}

function readPercentiles(prefix: string, histogram: hdr.Histogram): Record<string, number> {
  return {
    [`${prefix}_p50_us`]: histogram.getValueAtPercentile(50),
    [`${prefix}_p90_us`]: histogram.getValueAtPercentile(90),
    [`${prefix}_p99_us`]: histogram.getValueAtPercentile(99),
    [`${prefix}_p999_us`]: histogram.getValueAtPercentile(99.9),
    [`${prefix}_max_us`]: histogram.maxValue,
  };
}

function buildTimeline(random: () => number, medianUs: number, samples: number): TimelinePoint[] {
  const seconds = DURATION_MS / 1000;
  return Array.from({ length: seconds }, (_, second) => ({
    tMs: (second + 1) * 1000,
    count: Math.round(samples / seconds),
    p50Us: Math.round(medianUs * (0.95 + 0.1 * random())),
    p99Us: Math.round(medianUs * (2.6 + 0.6 * random())),
  }));
}

/** A delivery count per bucket, as the reconnect clients record it (latencies left at 0). */
function buildDeliveryTimeline(deliveries: NonNullable<CellSpec['deliveries']>): TimelinePoint[] {
  return deliveries.counts.map((count, index) => ({ tMs: index * deliveries.bucketMs, count, p50Us: 0, p99Us: 0 }));
}

/** Each fixed metric varies by ±`jitterPct`/2 between repeats, as real repeats do. */
function jitterMetrics(
  random: () => number,
  metrics: Record<string, number>,
  jitterPct: number,
  exact: readonly string[],
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => {
      if (exact.includes(name)) return [name, value];
      const factor = 1 + ((random() - 0.5) * jitterPct) / 100;
      return [name, Math.round(value * factor * 100) / 100];
    }),
  );
}

/** A latency family recorded into a real HDR histogram: its percentiles become `<prefix>_p50_us`… */
export interface LatencySpec {
  family: string;
  prefix: string;
  medianUs: number;
  sigma: number;
  samples: number;
}

/** One fixture cell: its place in the plan and the figures every repeat records (jittered unless exact). */
export interface CellSpec {
  scenario: string;
  transport: TransportName;
  variant?: string;
  params: Record<string, string | number | boolean>;
  latency?: LatencySpec[];
  timeline?: boolean;
  metrics: Record<string, number>;
  /** Metrics that are exact counts: copied unchanged into every repeat. */
  exact?: readonly string[];
  /** Repeat index → warning added to that repeat. */
  runWarnings?: Record<number, string>;
  /** Repeat index that fails, with its error. */
  failedRepeat?: { repeat: number; category: 'timeout:connect'; message: string };
  /** Every repeat refused (by a proxy, a browser): its error category counted, its message warned. */
  refusal?: { category: string; warning: string };
  /** Errors every repeat survived (the resets of a fault scenario), by category. */
  survivedErrors?: Record<string, number>;
  /** Messages received per bucket, the same in every successful repeat (a fault scenario's timeline). */
  deliveries?: { bucketMs: number; counts: readonly number[] };
  /** Server settings beside the fixture's defaults (e.g. `accelBufferingHeader: false`). */
  server?: Record<string, unknown>;
}

const EXACT_COUNTS = ['lost_count', 'duplicated_count', 'reordered_count', 'corrupted_count', 'connections'];

function buildRun(spec: CellSpec, random: () => number, repeat: number, order: number): RunResult {
  const failed = spec.failedRepeat?.repeat === repeat;
  const metrics = failed ? {} : jitterMetrics(random, spec.metrics, 6, [...EXACT_COUNTS, ...(spec.exact ?? [])]);
  const histograms: Record<string, string> = {};
  let timeline: TimelinePoint[] | undefined;
  for (const latency of failed ? [] : (spec.latency ?? [])) {
    const medianUs = latency.medianUs * (0.97 + 0.06 * random());
    const histogram = recordHistogram(random, medianUs, latency.sigma, latency.samples);
    Object.assign(metrics, readPercentiles(latency.prefix, histogram));
    histograms[latency.family] = hdr.encodeIntoCompressedBase64(histogram);
    if (spec.timeline === true && latency.family === 'latency_us')
      timeline = buildTimeline(random, medianUs, latency.samples);
  }
  const run: RunResult = {
    repeat,
    order,
    startedAt: new Date(Date.parse(FIXTURE_GENERATED_AT) - (100 - order) * 7000).toISOString(),
    wallMs: WARMUP_MS + DURATION_MS + 412,
    status: failed ? 'failed' : 'ok',
    metrics,
    histograms,
    errorCounts: { ...spec.survivedErrors, ...(spec.refusal === undefined ? {} : { [spec.refusal.category]: 1 }) },
    warnings: [
      ...(spec.refusal === undefined ? [] : [spec.refusal.warning]),
      ...(spec.runWarnings?.[repeat] === undefined ? [] : [spec.runWarnings[repeat]]),
    ],
  };
  if (!failed && spec.deliveries !== undefined) timeline = buildDeliveryTimeline(spec.deliveries);
  if (timeline !== undefined) run.timeline = timeline;
  if (failed) run.error = { category: spec.failedRepeat!.category, message: spec.failedRepeat!.message };
  return run;
}

function summariseValues(values: readonly number[]): MetricSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  return { median, min, max, spreadPct: median === 0 ? 0 : (100 * (max - min)) / Math.abs(median), n: values.length };
}

function summariseRuns(runs: readonly RunResult[]): Record<string, MetricSummary> {
  const byMetric = new Map<string, number[]>();
  for (const run of runs.filter((r) => r.status === 'ok')) {
    for (const [name, value] of Object.entries(run.metrics)) byMetric.set(name, [...(byMetric.get(name) ?? []), value]);
  }
  return Object.fromEntries(
    [...byMetric.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, values]) => [name, summariseValues(values)]),
  );
}

function buildCell(spec: CellSpec, cellIndex: number, cellCount: number, seed: number): CellResult {
  const random = createRandom(seed);
  const variant = spec.variant ?? spec.transport;
  // Interleaved like the runner: every cell's repeat 0, then every cell's repeat 1…
  const runs = Array.from({ length: REPEATS }, (_, repeat) =>
    buildRun(spec, random, repeat, repeat * cellCount + cellIndex),
  );
  const paramText = Object.entries(spec.params)
    .filter(([key]) => spec.scenario === 'wire' && (key === 'size' || key === 'kind'))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
  return {
    id: `${spec.scenario}/${variant}${paramText === '' ? '' : `/${paramText}`}`,
    scenario: spec.scenario,
    transport: spec.transport,
    variant,
    params: spec.params,
    config: {
      server: {
        transport: spec.transport,
        writeMode: spec.params['writeMode'] ?? 'coalesced',
        heartbeatMs: 15000,
        perMessageDeflate: false,
        ...spec.server,
      },
      client: {
        transport: spec.transport,
        connections: spec.params['connections'] ?? 1,
        mode: spec.params['clientMode'] ?? 'full',
        warmupMs: WARMUP_MS,
        durationMs: DURATION_MS,
      },
    },
    runs,
    summary: summariseRuns(runs),
    warnings: [...new Set(runs.flatMap((run) => run.warnings))],
  };
}

const STREAM_PARAMS = {
  ratePerSec: 1000,
  payloadBytes: 64,
  kind: 'text',
  writeMode: 'coalesced',
  clientMode: 'full',
} as const;
const SATURATED =
  "client-saturated: the client's event loop was busy 97% of the window, so the client may have been the bottleneck";

function latency(medianUs: number, samples: number, sigma = 0.35): LatencySpec[] {
  return [{ family: 'latency_us', prefix: 'latency', medianUs, sigma, samples }];
}

function steadyMetrics(transport: 'sse' | 'ws' | 'tcp'): Record<string, number> {
  const bytes = {
    sse: { perMessage: 129, handshakeDown: 187, handshakeUp: 142 },
    ws: { perMessage: 108, handshakeDown: 129, handshakeUp: 231 },
    tcp: { perMessage: 110, handshakeDown: 0, handshakeUp: 42 },
  }[transport];
  return {
    connections: 10,
    messages_received: 50_000,
    throughput_msgs_per_sec: 10_000,
    lost_count: 0,
    duplicated_count: 0,
    reordered_count: 0,
    corrupted_count: 0,
    connect_p50_us: transport === 'sse' ? 910 : 1040,
    first_message_p50_us: 1900,
    client_cpu_pct: 41,
    client_elu: 0.46,
    server_cpu_pct: 23,
    server_cpu_us_per_msg: transport === 'sse' ? 2.9 : 2.4,
    server_rss_mib: 61,
    wire_bytes_down_per_msg: bytes.perMessage,
    handshake_bytes_down: bytes.handshakeDown,
    handshake_bytes_up: bytes.handshakeUp,
  };
}

function buildStreamSpecs(): CellSpec[] {
  const steadyParams = { connections: 10, ...STREAM_PARAMS };
  const fanOutParams = { ...steadyParams, connections: 100, ratePerSec: 2 };
  const exact = ['wire_bytes_down_per_msg', 'handshake_bytes_down', 'handshake_bytes_up'];
  const fanOut = (transport: 'sse' | 'ws'): Record<string, number> => ({
    connections: 100,
    throughput_msgs_per_sec: 200,
    lost_count: 0,
    duplicated_count: 0,
    server_heap_kib_per_conn: transport === 'sse' ? 23.5 : 31.2,
    server_rss_mib: transport === 'sse' ? 88 : 97,
  });
  return [
    {
      scenario: 'steady',
      transport: 'sse',
      params: steadyParams,
      latency: latency(420, 50_000),
      timeline: true,
      metrics: steadyMetrics('sse'),
      exact,
    },
    {
      scenario: 'steady',
      transport: 'ws',
      params: steadyParams,
      latency: latency(300, 50_000),
      timeline: true,
      metrics: steadyMetrics('ws'),
      exact,
      runWarnings: { 1: SATURATED },
    },
    {
      scenario: 'tcp-floor',
      transport: 'tcp',
      params: steadyParams,
      latency: latency(150, 50_000, 0.3),
      timeline: true,
      metrics: steadyMetrics('tcp'),
      exact,
    },
    {
      scenario: 'fan-out',
      transport: 'sse',
      params: fanOutParams,
      latency: latency(2400, 800, 0.5),
      timeline: true,
      metrics: fanOut('sse'),
    },
    {
      scenario: 'fan-out',
      transport: 'ws',
      params: fanOutParams,
      latency: latency(2300, 800, 0.5),
      timeline: true,
      metrics: fanOut('ws'),
      failedRepeat: {
        repeat: 2,
        category: 'timeout:connect',
        message: '3 of 100 connections did not open within 5000 ms',
      },
    },
  ];
}

function buildThroughputSpecs(): CellSpec[] {
  const params = (writeMode: string, clientMode = 'full') => ({
    connections: 1,
    ...STREAM_PARAMS,
    ratePerSec: 0,
    writeMode,
    clientMode,
  });
  const throughput = (msgsPerSec: number, bytesPerMsg: number, cpuUsPerMsg: number) => ({
    throughput_msgs_per_sec: msgsPerSec,
    throughput_mib_per_sec: (msgsPerSec * bytesPerMsg) / 1048576,
    server_cpu_us_per_msg: cpuUsPerMsg,
    client_cpu_pct: 96,
    client_elu: 0.9,
  });
  return [
    {
      scenario: 'max-throughput',
      transport: 'sse',
      params: params('coalesced'),
      metrics: throughput(630_000, 129, 1.4),
    },
    {
      scenario: 'max-throughput',
      transport: 'ws',
      params: params('coalesced'),
      metrics: throughput(930_000, 108, 0.9),
    },
    {
      scenario: 'max-throughput',
      transport: 'sse',
      variant: 'sse-per-message',
      params: params('per-message'),
      metrics: throughput(410_000, 129, 2.3),
    },
    {
      scenario: 'max-throughput',
      transport: 'ws',
      variant: 'ws-uncorked',
      params: params('per-message'),
      metrics: throughput(140_000, 108, 6.8),
    },
    {
      scenario: 'harness-overhead',
      transport: 'sse',
      variant: 'sse-full',
      params: params('coalesced'),
      metrics: { throughput_msgs_per_sec: 560_000 },
    },
    {
      scenario: 'harness-overhead',
      transport: 'sse',
      variant: 'sse-bare',
      params: params('coalesced', 'bare'),
      metrics: { throughput_msgs_per_sec: 640_000 },
    },
    {
      scenario: 'harness-overhead',
      transport: 'ws',
      variant: 'ws-full',
      params: params('coalesced'),
      metrics: { throughput_msgs_per_sec: 700_000 },
    },
    {
      scenario: 'harness-overhead',
      transport: 'ws',
      variant: 'ws-bare',
      params: params('coalesced', 'bare'),
      metrics: { throughput_msgs_per_sec: 940_000 },
    },
  ];
}

/** Byte counts as the envelope and each framing produce them (text envelope header ≈ 40 B). */
function wireBytesPerMessage(transport: 'sse' | 'ws', kind: 'text' | 'binary', sizeBytes: number): number {
  if (transport === 'ws') {
    const body = kind === 'binary' ? sizeBytes + 28 : sizeBytes + 40;
    return body + (body < 126 ? 2 : 4);
  }
  const body = kind === 'binary' ? Math.ceil(sizeBytes / 3) * 4 : sizeBytes;
  return body + 40 + 21;
}

function buildWireSpecs(): CellSpec[] {
  const specs: CellSpec[] = [];
  for (const kind of ['text', 'binary'] as const) {
    for (const size of [16, 256, 4096]) {
      for (const transport of ['sse', 'ws'] as const) {
        const wire = wireBytesPerMessage(transport, kind, size);
        specs.push({
          scenario: 'wire',
          transport,
          params: { connections: 1, ratePerSec: 1000, size, kind },
          metrics: {
            wire_bytes_down_per_msg: wire,
            overhead_bytes_down_per_msg: wire - size,
            efficiency_pct: (100 * size) / wire,
            throughput_msgs_per_sec: 1000,
            handshake_bytes_down: transport === 'sse' ? 187 : 129,
            handshake_bytes_up: transport === 'sse' ? 142 : 231,
            client_cpu_us_per_msg: (transport === 'sse' && kind === 'binary' ? 9 : 4) + size / 1024,
            lost_count: 0,
            corrupted_count: 0,
          },
          exact: [
            'wire_bytes_down_per_msg',
            'overhead_bytes_down_per_msg',
            'efficiency_pct',
            'handshake_bytes_down',
            'handshake_bytes_up',
            'throughput_msgs_per_sec',
          ],
        });
      }
    }
  }
  return specs;
}

function buildLlmSpecs(): CellSpec[] {
  const llm = (ttftUs: number, itlUs: number): LatencySpec[] => [
    { family: 'ttft_us', prefix: 'ttft', medianUs: ttftUs, sigma: 0.25, samples: 300 },
    { family: 'itl_us', prefix: 'itl', medianUs: itlUs, sigma: 0.05, samples: 20_000 },
  ];
  const params = (method: string) => ({ connections: 10, tokens: 200, tokenDelayMs: 20, method });
  return [
    {
      scenario: 'llm-stream',
      transport: 'sse',
      variant: 'sse-post',
      params: params('sse-post'),
      latency: llm(2900, 20_300),
      metrics: { connections: 10, lost_count: 0 },
    },
    {
      scenario: 'llm-stream',
      transport: 'sse',
      variant: 'sse-get',
      params: params('sse-get'),
      latency: llm(2500, 20_300),
      metrics: { connections: 10, lost_count: 0 },
    },
    {
      scenario: 'llm-stream',
      transport: 'ws',
      variant: 'ws',
      params: params('ws'),
      latency: llm(2450, 20_250),
      metrics: { connections: 10, lost_count: 0 },
    },
  ];
}

const SCENARIO_DESCRIPTIONS: Record<string, { description: string }> = {
  steady: { description: 'A fixed rate to a few connections: one-way latency at a load nothing struggles with.' },
  'tcp-floor': {
    description: 'The steady schedule over length-prefixed plain TCP: the floor neither transport can beat.',
  },
  'fan-out': { description: 'Many connections on one broadcast stream at a modest rate.' },
  'max-throughput': {
    description: 'As fast as backpressure allows, one connection; naive writers beside best practice.',
  },
  'harness-overhead': {
    description:
      'The full client against a bare counting client: what the harness itself costs. Goal: full/bare >= 0.8.',
  },
  wire: { description: 'Exact socket bytes per message at several payload sizes, text and binary.' },
  'llm-stream': {
    description: 'A prompt goes up, tokens stream back 20 ms apart: time to first token and inter-token latency.',
  },
};

export const FIXTURE_ENVIRONMENT: Environment = {
  node: 'v20.20.2',
  platform: 'linux',
  release: '6.8.0-fixture',
  arch: 'x64',
  cpuModel: 'Fixture CPU @ 2.40GHz',
  cpuCount: 2,
  totalMemoryMiB: 7936,
  hostname: 'bench-fixture',
  packages: {
    ws: '8.23.0',
    'eventsource-parser': '3.1.1',
    'hdr-histogram-js': '3.0.1',
    autocannon: '9.0.0',
    vega: '6.2.0',
    'vega-lite': '6.4.1',
    asciichart: '1.5.25',
  },
  gitSha: '0123456789abcdef0123456789abcdef01234567',
  gitDirty: false,
  command: 'node dist/bench/cli.js --profile fixture',
};

/** The fixture document; each call builds a fresh, identical copy that a test may mutate. */
export function buildFixtureDocument(): ResultsDocument {
  const specs = [
    ...buildStreamSpecs(),
    ...buildThroughputSpecs(),
    ...buildWireSpecs(),
    ...buildLlmSpecs(),
    ...buildFamilySpecs(),
    ...buildFaultSpecs(),
  ];
  const cells = specs.map((spec, index) => buildCell(spec, index, specs.length, 1000 + index));
  const scenarioNames = [...new Set(specs.map((spec) => spec.scenario))];
  const failed = cells.flatMap((cell) =>
    cell.runs.flatMap((run) => (run.error === undefined ? [] : [{ ...run.error, cell: cell.id }])),
  );
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: FIXTURE_GENERATED_AT,
    env: FIXTURE_ENVIRONMENT,
    command: ['--profile', 'fixture'],
    plan: {
      profile: 'fixture',
      repeats: REPEATS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      scenarios: scenarioNames.map((name) => ({
        name,
        family: name === 'wire' ? 'wire' : 'stream',
        ...(SCENARIO_DESCRIPTIONS[name] ?? FAMILY_SCENARIO_RECORDS[name] ?? FAULT_SCENARIO_RECORDS[name]!),
        params: {},
      })),
      skippedScenarios: ['compression', ...SKIPPED_FAULT_SCENARIOS],
    },
    cells,
    // As bench writes it: the catalogue's spec of every metric a run reported.
    metricSpecs: specsForMetrics(cells.flatMap((cell) => cell.runs.flatMap((run) => Object.keys(run.metrics)))),
    warnings: [],
    errors: failed,
    complete: true,
  };
}

/** What a synthetic cell needs: its place in the plan and the medians its rules will read. */
export interface SyntheticCellSpec {
  scenario: string;
  transport: TransportName;
  variant?: string;
  params?: Record<string, string | number | boolean>;
  /** Metric → median; spread is `spreadPct` for every metric. */
  medians: Record<string, number>;
  spreadPct?: number;
  /** Metric → the worst repeat's value, for counts judged on their maximum. */
  maxima?: Record<string, number>;
}

/**
 * A cell with summaries only (three successful repeats, no histograms): enough for claim rules,
 * for scenarios the fixture document does not run (upstream, reconnect-*, framing…).
 */
export function buildSyntheticCell(spec: SyntheticCellSpec): CellResult {
  const variant = spec.variant ?? spec.transport;
  const spreadPct = spec.spreadPct ?? 2;
  const summary = Object.fromEntries(
    Object.entries(spec.medians).map(([metric, median]) => {
      const max = spec.maxima?.[metric] ?? median * (1 + spreadPct / 200);
      return [metric, { median, min: median * (1 - spreadPct / 200), max, spreadPct, n: REPEATS }];
    }),
  );
  const runs: RunResult[] = Array.from({ length: REPEATS }, (_, repeat) => ({
    repeat,
    order: repeat,
    startedAt: FIXTURE_GENERATED_AT,
    wallMs: DURATION_MS,
    status: 'ok',
    metrics: { ...spec.medians },
    histograms: {},
    errorCounts: {},
    warnings: [],
  }));
  return {
    id: [
      spec.scenario,
      variant,
      ...Object.entries(spec.params ?? {}).map(([key, value]) => `${key}=${String(value)}`),
    ].join('/'),
    scenario: spec.scenario,
    transport: spec.transport,
    variant,
    params: spec.params ?? {},
    config: { server: {}, client: {} },
    runs,
    summary,
    warnings: [],
  };
}
