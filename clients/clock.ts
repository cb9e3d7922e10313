/**
 * The receive clock: process.hrtime in nanoseconds as a plain number. A number is exact to the
 * nanosecond for the first 104 days of uptime and to a few nanoseconds after, far below the
 * microsecond resolution of the histograms, and it spares the hot path a BigInt per message.
 */

/**
 * On a host other than the server's, what puts this clock on the server host's (a distributed
 * shard's correction, from both hosts' offsets to Redis; bench/distributed/clock.ts). Intervals are
 * unchanged by it; only one-way latencies against the server's stamps move. 0 on the server's host.
 */
let correctionNs = 0;

export function setClockCorrectionNs(ns: number): void {
  correctionNs = ns;
}

export function nowNs(): number {
  return Number(process.hrtime.bigint()) + correctionNs;
}
