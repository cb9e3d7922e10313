/**
 * The one shape every micro-benchmark has (undici's benchmarks are the model): an operation to time,
 * and a check that it really did its work, run before and after timing, so a codec that silently
 * drops or mangles messages cannot look fast.
 */
import type { MicroBenchmarkName } from './micro-metrics.js';

export interface MicroTask {
  name: MicroBenchmarkName;
  /** Performs the operation once; returns its output so the JIT cannot discard the work. */
  runOnce(): unknown;
  /** Throws when the output is wrong or, for parsers, when an input produced no (or extra) events. */
  verify(): void;
}

/** Throws an Error with `message` when `ok` is false. */
export function assertTask(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}
