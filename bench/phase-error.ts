/** A failure of one run, with its stable category: the cell fails, the plan goes on. */
import type { ErrorCategory } from './results.js';

export class PhaseError extends Error {
  override readonly name = 'PhaseError';
  constructor(
    readonly category: ErrorCategory,
    message: string,
  ) {
    super(message);
  }
}

/** Rejects with timeout:<phase> if `promise` has not settled within `deadlineMs`. */
export function withDeadline<T>(promise: Promise<T>, deadlineMs: number, phase: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new PhaseError(`timeout:${phase}`, `phase ${phase} did not finish within ${Math.round(deadlineMs)} ms`)),
      deadlineMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
