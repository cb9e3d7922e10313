/**
 * The wait before a reconnect attempt: exponential in the consecutive failures, capped, plus up to
 * half again at random. The random part matters with many clients: after a server restart they all
 * drop at once, and identical waits would bring them all back in the same millisecond (a storm).
 * Never shorter than the base, so an SSE client still waits at least the spec's reconnection time.
 */

export interface BackoffPolicy {
  /** The wait after a drop, before any attempt has failed (SSE: the reconnection time). */
  baseMs: number;
  /** The exponential part never exceeds this (the jitter may add up to half of it). */
  maxMs: number;
}

/** Wait in ms after `failures` consecutive failed attempts (0 right after a drop). */
export function backoffDelayMs(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponentialMs = Math.min(policy.maxMs, policy.baseMs * 2 ** failures);
  return exponentialMs + random() * (exponentialMs / 2);
}
