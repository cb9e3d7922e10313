/**
 * Polyglot cells read one bounded stream (it ends with its end marker) sized from the profile: the
 * warm-up's worth of messages, then the measured window's. Foreign runtimes start slowly (a JVM's
 * first messages wait for class loading), so the warm-up messages are checked but not timed.
 */
import { PhaseError } from '../phase-error.js';

export interface BoundedStreamPlan {
  ratePerSec: number;
  /** Messages checked for integrity but left out of latency (start-up, JIT). */
  warmupCount: number;
  /** All messages, warm-up included: the stream ends after them with its end marker. */
  count: number;
  /** How long the schedule takes to send them all. */
  streamMs: number;
}

export function planBoundedStream(ratePerSec: number, warmupMs: number, durationMs: number): BoundedStreamPlan {
  if (!(ratePerSec > 0))
    throw new PhaseError(
      'config',
      'polyglot cells need a scheduled stream (ratePerSec > 0): a closed-loop stream would measure the client runtime, not the transport',
    );
  const warmupCount = Math.round((ratePerSec * warmupMs) / 1000);
  const count = warmupCount + Math.max(1, Math.round((ratePerSec * durationMs) / 1000));
  return { ratePerSec, warmupCount, count, streamMs: (count / ratePerSec) * 1000 };
}
