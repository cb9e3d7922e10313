/**
 * How long the rest of a plan will take, for the progress display. Each run is first estimated from
 * its cell: the time its family's code spends by design (a warm-up and a window, a bounded stream at
 * a fixed rate, two client runs through a proxy…) plus what it spends around that (processes, a
 * runtime or a browser starting). The start-up figures are rough, measured on a 2-core machine
 * (bench/baselines/ci.json keeps each run's wallMs). They need not be exact: after each run, what is
 * left is scaled by how long the runs so far took against their estimates, so a slow machine or a
 * family estimated wrong corrects itself within a few runs.
 */
import { CAPACITY_FAMILY, CAPACITY_STEPS } from './capacity/capacity-scenario.js';
import type { CellPlan } from './plan.js';

/** A server and a client process starting, connecting and stopping around a window (~350–800 ms). */
const PROCESSES_MS = 500;
/**
 * A Python interpreter, a JVM or a Chromium page starting before the first message: ~0.3–1 s on top
 * of the window (the default run's polyglot cells took 1.8–2.9 s around a 1.5 s window).
 */
const FOREIGN_RUNTIME_MS = 600;
/** framing: every split position of one stream through three readers, no timers (~200 ms). */
const FRAMING_MS = 250;
/** micro: four tinybench tasks of 60 ms plus 30 ms warm-up each, in this process (~380 ms). */
const MICRO_MS = 400;
/** client-impl reads a few source files. */
const CLIENT_IMPL_MS = 10;
/** many-streams: up to the 3 s stall deadline, plus a server and (half the cells) Chromium starting. */
const MANY_STREAMS_MS = 2500;
/** seed-stack: from a few seconds (a Python reader) to ~35 s (Tomcat's async timeout); after the first runs the measured ratio corrects it. */
const SEED_STACK_MS = 15_000;

/** The warm-up and measured window the cell's clients run (a fault scenario sets its own), after a stated connect ramp. */
function windowMs(cell: CellPlan): number {
  const rate = cell.client.connectRatePerSec;
  const rampMs = rate !== undefined && rate > 0 ? (cell.client.connections / rate) * 1000 : 0;
  return rampMs + cell.client.warmupMs + cell.client.durationMs;
}

/** capacity: every step, as if none missed (the ratio correction shortens it once searches stop early). */
function capacityMs(cell: CellPlan): number {
  const step = (connections: number) => windowMs({ ...cell, client: { ...cell.client, connections } });
  return CAPACITY_STEPS.reduce((total, connections) => total + step(connections) + PROCESSES_MS, 0);
}

/** wire: one bounded stream; a paced one (compression) takes count / rate, the rest go flat out. */
function boundedStreamMs(cell: CellPlan): number {
  const count = Number(cell.params.count);
  const ratePerSec = Number(cell.params.ratePerSec);
  return count > 0 && ratePerSec > 0 ? (count / ratePerSec) * 1000 : 0;
}

type RunEstimator = (cell: CellPlan) => number;

/** By scenario family (bench/families.ts). */
export const RUN_ESTIMATORS: Readonly<Record<string, RunEstimator>> = {
  stream: (cell) => windowMs(cell) + PROCESSES_MS,
  faults: (cell) => windowMs(cell) + PROCESSES_MS,
  // The direct run and the run through the proxy, one after the other, around one server.
  proxy: (cell) => 2 * windowMs(cell) + 2 * PROCESSES_MS,
  // A bounded stream as long as the window, read by a foreign client or a browser page.
  polyglot: (cell) => windowMs(cell) + PROCESSES_MS + FOREIGN_RUNTIME_MS,
  wire: (cell) => boundedStreamMs(cell) + PROCESSES_MS,
  framing: () => FRAMING_MS,
  micro: () => MICRO_MS,
  'client-impl': () => CLIENT_IMPL_MS,
  // Streams opened at once, held to a first event or the stall deadline; Chromium's start on top.
  'many-streams': () => MANY_STREAMS_MS,
  // A JVM, a dev server or a foreign client per cell; the default SseEmitter's cell waits out Tomcat's 30 s.
  'seed-stack': () => SEED_STACK_MS,
  [CAPACITY_FAMILY]: capacityMs,
};

/** One run of this cell, before any has been timed; a family without an estimator counts as a stream. */
export function estimateRunMs(cell: CellPlan): number {
  return (RUN_ESTIMATORS[cell.scenario.family] ?? RUN_ESTIMATORS.stream!)(cell);
}

export interface RemainingTime {
  /** Before run `index` (0-based) starts, `elapsedMs` after the first one started: how long the rest should take. */
  remainingMs(index: number, elapsedMs: number): number;
}

/** The remaining time of a sequence of runs, one cell per run in the order they run. */
export function planRemainingTime(runs: readonly CellPlan[]): RemainingTime {
  // estimatedBeforeMs[i]: the estimates of runs 0 … i-1 added up.
  const estimatedBeforeMs = [0];
  for (const cell of runs) estimatedBeforeMs.push(estimatedBeforeMs.at(-1)! + estimateRunMs(cell));
  const totalMs = estimatedBeforeMs.at(-1)!;
  return {
    remainingMs(index, elapsedMs) {
      const doneMs = estimatedBeforeMs[Math.min(index, runs.length)]!;
      // How the runs so far took against their estimates; 1 until some estimated time has passed.
      const actualPerEstimated = doneMs > 0 && elapsedMs > 0 ? elapsedMs / doneMs : 1;
      return (totalMs - doneMs) * actualPerEstimated;
    },
  };
}
