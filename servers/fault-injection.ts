/**
 * Deliberate misbehaviour for tests of the harness itself: a server that skips, repeats or corrupts
 * messages on a known pattern, or delays each one, must be reported exactly so by the clients and the
 * compare. Off unless asked for; never used by a benchmark's own servers.
 */
import type { Envelope } from './envelope.js';

export interface InjectionOptions {
  /** Do not send messages whose seq is a multiple of this. */
  skipEvery?: number;
  /** Send messages whose seq is a multiple of this twice. */
  repeatEvery?: number;
  /** Flip the checksum of messages whose seq is a multiple of this. */
  corruptEvery?: number;
  /** Hold every batch this long before writing it (a known slowdown for regression tests). */
  delayMs?: number;
  /**
   * Write every batch this long after stamping its write time: a known one-way delay that the
   * service latency (written → received) must show in full, where `delayMs` shows only in the
   * scheduled latency. Held by a precise wait, not a millisecond timer.
   */
  lateWriteUs?: number;
}

const hits = (every: number | undefined, seq: number): boolean => every !== undefined && every > 0 && seq % every === 0;

/** Applies skip/repeat/corrupt to one batch; returns the batch unchanged when nothing is set. */
export function applyInjection(batch: Envelope[], inject: InjectionOptions | undefined): Envelope[] {
  if (inject === undefined || (!inject.skipEvery && !inject.repeatEvery && !inject.corruptEvery)) return batch;
  const out: Envelope[] = [];
  for (const env of batch) {
    if (hits(inject.skipEvery, env.seq)) continue;
    const sent = hits(inject.corruptEvery, env.seq) ? { ...env, checksum: (env.checksum ^ 0xffff) >>> 0 } : env;
    out.push(sent);
    if (hits(inject.repeatEvery, env.seq)) out.push(sent);
  }
  return out;
}

/** Parses `skip=7,repeat=11,corrupt=13,delay=5,late-write-us=200` as given on the server's command line. */
export function parseInjection(spec: string): InjectionOptions {
  const out: InjectionOptions = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [key, raw] = part.split('=');
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`--inject ${key}: expected a number >= 0, got ${JSON.stringify(raw)}`);
    if (key === 'skip') out.skipEvery = value;
    else if (key === 'repeat') out.repeatEvery = value;
    else if (key === 'corrupt') out.corruptEvery = value;
    else if (key === 'delay') out.delayMs = value;
    else if (key === 'late-write-us') out.lateWriteUs = value;
    else
      throw new RangeError(
        `--inject: unknown key ${JSON.stringify(key)}; use skip, repeat, corrupt, delay or late-write-us`,
      );
  }
  return out;
}
