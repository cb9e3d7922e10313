/**
 * Fixture cells for the fault family (reconnect-reset, reconnect-half-open, long-lived), the
 * client-impl line counts and the framing experiment. Their figures are those a quick run of the
 * real scenarios produced on a 2-core machine (rounded; timelines copied bucket by bucket), so the
 * claim rows that read them show what a real run shows; tests flip single figures to check that
 * each verdict follows them.
 */
import type { CellSpec } from './report-fixtures.js';

/** The plan record of each scenario these cells belong to (descriptions shortened from bench/). */
export const FAULT_SCENARIO_RECORDS: Record<string, { family: string; description: string }> = {
  'reconnect-reset': {
    family: 'faults',
    description:
      'The proxy resets every connection (RST both ways) mid-stream: time to notice, time to be back, messages lost/duplicated/replayed.',
  },
  'reconnect-half-open': {
    family: 'faults',
    description:
      'Every open connection goes silent both ways with no FIN or RST (a dead path): only a heartbeat timeout can notice it.',
  },
  'client-impl': {
    family: 'client-impl',
    description:
      'Lines of code each reconnecting client needed to reconnect, resume without loss and notice a half-open connection; the shared loop counts for both.',
  },
  framing: {
    family: 'framing',
    description:
      'One SSE stream split at every byte position, one byte per chunk, whole and one event per chunk, fed to a spec parser, a naive line reader and an iter_lines reader.',
  },
  'long-lived': {
    family: 'faults',
    description:
      "A stream quieter than the path's 600 ms idle timeout (a 100× scaled 60 s), with heartbeats every 250 ms and without.",
  },
};

/** The fault scenarios a real run has that the fixture leaves out: listed as skipped in its plan. */
export const SKIPPED_FAULT_SCENARIOS: readonly string[] = [
  'reconnect-kill',
  'reconnect-proxy-down',
  'reconnect-truncate',
  'reconnect-storm',
];

/** Counts do not move between repeats of one fixture build; timings and CPU are jittered. */
const EXACT = [
  'connections',
  'messages_received',
  'messages_checked',
  'replayed_count',
  'lost_without_resume_count',
  'unrecovered_count',
  'reconnect_attempts_count',
  'drops_count',
  'heartbeats_count',
  'streams_cut_count',
  'heartbeat_bytes_each',
  'client_impl_loc',
  'client_impl_own_loc',
  'client_impl_features_count',
];
const INTACT = { duplicated_count: 0, reordered_count: 0, corrupted_count: 0 };
const TIMELINE_BUCKET_MS = 100;

interface FaultFigures {
  detectMs: number;
  reconnectP50Ms: number;
  reconnectP99Ms: number;
  received: number;
  /** With resume: replayed from the buffer; without: lost while away. */
  replayedOrLost: number;
  counts: readonly number[];
}

/** One reconnect-* cell: 10 connections at 500 msg/s each, one fault 300 ms into the window. */
function faultCell(
  scenario: string,
  transport: 'sse' | 'ws',
  resume: boolean,
  survived: string,
  figures: FaultFigures,
): CellSpec {
  const recovery: Record<string, number> = resume
    ? { lost_count: 0, replayed_count: figures.replayedOrLost }
    : { lost_without_resume_count: figures.replayedOrLost, replayed_count: 0 };
  return {
    scenario,
    transport,
    variant: `${transport}-${resume ? 'resume' : 'no-resume'}`,
    params: {
      connections: 10,
      ratePerSec: 500,
      payloadBytes: 64,
      kind: 'text',
      resume,
      timelineBucketMs: TIMELINE_BUCKET_MS,
    },
    server: { heartbeatMs: 500, retryMs: 200 },
    exact: EXACT,
    survivedErrors: { [survived]: 10 },
    deliveries: { bucketMs: TIMELINE_BUCKET_MS, counts: figures.counts },
    metrics: {
      connections: 10,
      messages_received: figures.received,
      ...recovery,
      ...INTACT,
      detect_p50_ms: figures.detectMs,
      detect_p99_ms: figures.detectMs * 1.05,
      reconnect_p50_ms: figures.reconnectP50Ms,
      reconnect_p99_ms: figures.reconnectP99Ms,
      reconnect_attempts_count: 10,
      unrecovered_count: 0,
      drops_count: 10,
    },
  };
}

function buildResetSpecs(): CellSpec[] {
  const scenario = 'reconnect-reset';
  return [
    faultCell(scenario, 'sse', true, 'reset', {
      detectMs: 7.4,
      reconnectP50Ms: 241,
      reconnectP99Ms: 301,
      received: 6050,
      replayedOrLost: 1290,
      counts: [550, 490, 510, 20, 0, 1176, 796, 499, 509, 500, 500, 500],
    }),
    faultCell(scenario, 'sse', false, 'reset', {
      detectMs: 4.8,
      reconnectP50Ms: 228,
      reconnectP99Ms: 293,
      received: 4782,
      replayedOrLost: 1218,
      counts: [500, 500, 501, 0, 0, 281, 500, 500, 510, 490, 510, 486],
    }),
    faultCell(scenario, 'ws', true, 'close:1006', {
      detectMs: 3.0,
      reconnectP50Ms: 261,
      reconnectP99Ms: 293,
      received: 5958,
      replayedOrLost: 1278,
      counts: [409, 670, 500, 11, 0, 1454, 535, 496, 514, 500, 320, 549],
    }),
    faultCell(scenario, 'ws', false, 'close:1006', {
      detectMs: 2.9,
      reconnectP50Ms: 277,
      reconnectP99Ms: 300,
      received: 4517,
      replayedOrLost: 1377,
      counts: [504, 522, 494, 0, 0, 142, 499, 500, 500, 450, 539, 367],
    }),
  ];
}

/** Half-open: silence from 300 ms until the 1 s idle timeout fires, then the replay burst. */
function buildHalfOpenSpecs(): CellSpec[] {
  const scenario = 'reconnect-half-open';
  const silent = Array.from({ length: 11 }, () => 0);
  return [
    faultCell(scenario, 'sse', true, 'timeout:heartbeat', {
      detectMs: 1000,
      reconnectP50Ms: 251,
      reconnectP99Ms: 299,
      received: 15_010,
      replayedOrLost: 6268,
      counts: [
        500,
        510,
        490,
        10,
        ...silent,
        5841,
        1149,
        500,
        500,
        509,
        491,
        500,
        507,
        493,
        500,
        510,
        500,
        495,
        505,
        500,
      ],
    }),
    faultCell(scenario, 'sse', false, 'timeout:heartbeat', {
      detectMs: 1000,
      reconnectP50Ms: 237,
      reconnectP99Ms: 301,
      received: 8737,
      replayedOrLost: 6263,
      counts: [500, 490, 510, 0, ...silent, 237, 500, 500, 500, 500, 490, 510, 500, 500, 490, 510, 500, 500, 500, 500],
    }),
    faultCell(scenario, 'ws', true, 'timeout:heartbeat', {
      detectMs: 1000,
      reconnectP50Ms: 254,
      reconnectP99Ms: 317,
      received: 15_055,
      replayedOrLost: 6295,
      counts: [
        559,
        555,
        491,
        19,
        ...silent,
        5185,
        1807,
        505,
        498,
        385,
        539,
        563,
        416,
        530,
        477,
        539,
        467,
        431,
        549,
        540,
      ],
    }),
    faultCell(scenario, 'ws', false, 'timeout:heartbeat', {
      detectMs: 1000,
      reconnectP50Ms: 250,
      reconnectP99Ms: 294,
      received: 8672,
      replayedOrLost: 6260,
      counts: [556, 480, 520, 0, ...silent, 240, 500, 500, 500, 465, 390, 568, 577, 500, 440, 399, 579, 549, 431, 478],
    }),
  ];
}

/** client-impl: the line counts of clients/reconnecting-*.ts and the shared loop, and the browser's built-ins. */
function buildClientImplSpecs(): CellSpec[] {
  const cell = (
    transport: 'sse' | 'ws',
    totalLines: number,
    ownLines: number,
    features: number,
    implementsList: string,
    browser: string,
  ): CellSpec => ({
    scenario: 'client-impl',
    transport,
    params: { implements: implementsList, browser },
    exact: EXACT,
    metrics: { client_impl_loc: totalLines, client_impl_own_loc: ownLines, client_impl_features_count: features },
  });
  return [
    cell(
      'sse',
      211,
      52,
      8,
      'reconnect on end or network error; retry: sets the wait; Last-Event-ID from dispatched ids; 204 stops; non-200 or wrong MIME fails; backoff with jitter; handshake timeout; idle timeout fed by comment heartbeats',
      'EventSource: reconnect, retry:, Last-Event-ID, 204/status/MIME handling built in; no idle timeout',
    ),
    cell(
      'ws',
      202,
      43,
      7,
      "reconnect on error or close; resume from the application's last sequence (?from=); 4xx stops, 5xx retried; end marker stops; backoff with jitter; handshake timeout; idle timeout fed by server pings",
      'WebSocket: none built in; ping frames invisible to the page',
    ),
  ];
}

/** framing: every count is exact; the naive reader's depend on the split, iter_lines's do not. */
function buildFramingSpecs(): CellSpec[] {
  const reader = (name: string, lost: number, corrupted: number, cutSensitive: number) => ({
    [`framing_${name}_lost_count`]: lost,
    [`framing_${name}_corrupted_count`]: corrupted,
    [`framing_${name}_spurious_count`]: 0,
    [`framing_${name}_cut_sensitive_runs`]: cutSensitive,
  });
  const metrics = {
    framing_runs_count: 1554,
    ...reader('spec', 0, 0, 0),
    ...reader('naive', 2799, 4228, 1295),
    ...reader('iter_lines', 1554, 3108, 0),
  };
  return [{ scenario: 'framing', transport: 'sse', params: {}, metrics, exact: Object.keys(metrics) }];
}

/** long-lived: 1 msg/s per connection through a 600 ms idle timeout, heartbeats every 250 ms or none. */
function buildLongLivedSpecs(): CellSpec[] {
  const cell = (
    transport: 'sse' | 'ws',
    heartbeat: boolean,
    figures: { cuts: number; cutAfterMs?: number; received: number; attempts: number; survived?: string },
  ): CellSpec => ({
    scenario: 'long-lived',
    transport,
    variant: `${transport}-${heartbeat ? 'heartbeat' : 'no-heartbeat'}`,
    params: {
      connections: 10,
      ratePerSec: 1,
      payloadBytes: 64,
      kind: 'text',
      heartbeat,
      heartbeatMs: heartbeat ? 250 : 0,
      pathIdleTimeoutMs: 600,
      timelineBucketMs: TIMELINE_BUCKET_MS,
    },
    server: { heartbeatMs: heartbeat ? 250 : 0, retryMs: 200 },
    exact: EXACT,
    ...(figures.survived === undefined ? {} : { survivedErrors: { [figures.survived]: figures.cuts } }),
    metrics: {
      connections: 10,
      messages_received: figures.received,
      lost_count: 0,
      ...INTACT,
      streams_cut_count: figures.cuts,
      reconnect_attempts_count: figures.attempts,
      ...(figures.cutAfterMs === undefined
        ? {}
        : { cut_after_p50_ms: figures.cutAfterMs, cut_after_p99_ms: figures.cutAfterMs * 1.4 }),
      heartbeats_count: heartbeat ? 200 : 0,
      heartbeat_bytes_each: 8,
      heartbeat_bytes_per_min: heartbeat ? 1920 : 0,
    },
  });
  return [
    cell('sse', true, { cuts: 0, received: 50, attempts: 0 }),
    cell('sse', false, { cuts: 60, cutAfterMs: 610, received: 32, attempts: 50, survived: 'reset' }),
    cell('ws', true, { cuts: 0, received: 50, attempts: 0 }),
    cell('ws', false, { cuts: 50, cutAfterMs: 752, received: 50, attempts: 40, survived: 'close:1006' }),
  ];
}

/** Every cell of these scenarios, in plan order. */
export function buildFaultSpecs(): CellSpec[] {
  return [
    ...buildResetSpecs(),
    ...buildHalfOpenSpecs(),
    ...buildClientImplSpecs(),
    ...buildFramingSpecs(),
    ...buildLongLivedSpecs(),
  ];
}
