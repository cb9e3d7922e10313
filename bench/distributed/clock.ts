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

/** The offset from one TIME round trip: Redis's time against the midpoint of our send and receive. */
export function offsetFromSample(sentMs: number, redisMs: number, receivedMs: number): ClockOffset {
  return { offsetMs: redisMs - (sentMs + receivedMs) / 2, rttMs: receivedMs - sentMs };
}

/** Of several samples, the one with the shortest round trip. */
export function bestSample(samples: readonly ClockOffset[]): ClockOffset {
  if (samples.length === 0) throw new Error('no clock samples');
  return samples.reduce((best, s) => (s.rttMs < best.rttMs ? s : best));
}

export const CLOCK_SAMPLES = 9;

export async function measureClockOffset(redis: Redis, samples = CLOCK_SAMPLES): Promise<ClockOffset> {
  const taken: ClockOffset[] = [];
  for (let i = 0; i < samples; i++) {
    const sent = nowMs();
    const [seconds, micros] = await redis.time();
    const received = nowMs();
    taken.push(offsetFromSample(sent, Number(seconds) * 1000 + Number(micros) / 1000, received));
  }
  return bestSample(taken);
}
