/**
 * Each host's clock against Redis's: a shard's start time is Redis's, so every host waits for the
 * same instant however far its own clock is off. Several TIME round trips; the one with the
 * shortest round trip is the least disturbed, and its offset is exact to within half that trip
 * (NTP's rule, without its filtering).
 */
import type { Redis } from 'ioredis';

/** This process's wall clock in ms with sub-ms resolution (monotonic within the process). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ClockOffset {
  /** Redis's clock minus ours (ms): our time plus this is Redis's time. */
  offsetMs: number;
  /** The round trip of the sample the offset comes from (ms). */
  rttMs: number;
}

/** The best sample's offset, also against this host's monotonic clock (the one messages are stamped and received by). */
export interface HostClockOffset extends ClockOffset {
  /**
   * Redis's time minus `process.hrtime.bigint()` at the same instant, in ns, as a decimal string (a
   * BigInt: epoch nanoseconds do not fit a double exactly). Two hosts' difference of it maps one
   * host's monotonic times onto the other's, to within half the two round trips.
   */
  monotonicOffsetNs: string;
}

/** The offset from one TIME round trip: Redis's time against the midpoint of our send and receive. */
export function offsetFromSample(sentMs: number, redisMs: number, receivedMs: number): ClockOffset {
  return { offsetMs: redisMs - (sentMs + receivedMs) / 2, rttMs: receivedMs - sentMs };
}

/** Of several samples, the one with the shortest round trip. */
export function bestSample<T extends ClockOffset>(samples: readonly T[]): T {
  if (samples.length === 0) throw new Error('no clock samples');
  return samples.reduce((best, s) => (s.rttMs < best.rttMs ? s : best));
}

export const CLOCK_SAMPLES = 9;

export async function measureClockOffset(redis: Redis, samples = CLOCK_SAMPLES): Promise<HostClockOffset> {
  const taken: HostClockOffset[] = [];
  for (let i = 0; i < samples; i++) {
    const sent = nowMs();
    const sentNs = process.hrtime.bigint();
    const [seconds = 0, micros = 0] = await redis.time();
    const receivedNs = process.hrtime.bigint();
    const received = nowMs();
    const redisNs = BigInt(seconds) * 1_000_000_000n + BigInt(micros) * 1000n;
    taken.push({
      ...offsetFromSample(sent, Number(seconds) * 1000 + Number(micros) / 1000, received),
      monotonicOffsetNs: String(redisNs - (sentNs + receivedNs) / 2n),
    });
  }
  return bestSample(taken);
}

/**
 * What a shard on another host adds to its receive times so that they read on the server host's
 * monotonic clock, as the server's stamps do: its offset to Redis minus the server host's.
 */
export function clockCorrectionNs(shard: HostClockOffset, serverHostMonotonicOffsetNs: string): number {
  return Number(BigInt(shard.monotonicOffsetNs) - BigInt(serverHostMonotonicOffsetNs));
}
