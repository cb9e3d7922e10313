/**
 * Integrity and timing of the messages a browser page received. The page stamps arrivals with
 * performance.now(), a clock with its own origin, so one-way latency cannot be read off directly.
 * Both clocks run at the same rate, though (Chromium's monotonic time is CLOCK_MONOTONIC too), so
 * arrival minus scheduled time is the true latency plus one unknown constant; subtracting the
 * smallest such difference leaves each message's latency above the stream's fastest one: queueing
 * and jitter, exact to the page clock's resolution (100 µs in a page without cross-origin isolation).
 */

/** One message as the page recorded it (clients/polyglot/browser/probes.js). */
export interface PageMessage {
  seq: number;
  scheduledNs: number;
  checksumOk: boolean;
  arrivalMs: number;
}

export interface PageStreamFigures {
  unique: number;
  lost: number;
  duplicated: number;
  reordered: number;
  corrupted: number;
  /** Undefined when no message arrived after the warm-up. */
  latencyAboveMinP50Us?: number;
  latencyAboveMinP99Us?: number;
}

/** Nearest-rank percentile of a sorted array. */
export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1];
}

/** Latency above the fastest message, in µs, for every message after the first `warmupCount`. */
export function latenciesAboveMinUs(messages: readonly PageMessage[], warmupCount: number): number[] {
  const measured = messages.slice(warmupCount);
  const offsetsNs = measured.map((m) => m.arrivalMs * 1e6 - m.scheduledNs);
  const fastestNs = Math.min(...offsetsNs);
  return offsetsNs.map((ns) => (ns - fastestNs) / 1000).sort((a, b) => a - b);
}

/** Counts against a stream of sequences 1..expectedCount, and the latency spread after warm-up. */
export function summarisePageMessages(
  messages: readonly PageMessage[],
  expectedCount: number,
  warmupCount: number,
): PageStreamFigures {
  const seen = new Set<number>();
  let duplicated = 0;
  let reordered = 0;
  let maxSeq = 0;
  for (const m of messages) {
    if (seen.has(m.seq)) {
      duplicated++;
      continue;
    }
    if (m.seq < maxSeq) reordered++;
    seen.add(m.seq);
    maxSeq = Math.max(maxSeq, m.seq);
  }
  const latencies = latenciesAboveMinUs(messages, warmupCount);
  const figures: PageStreamFigures = {
    unique: seen.size,
    lost: Math.max(0, Math.max(expectedCount, maxSeq) - seen.size),
    duplicated,
    reordered,
    corrupted: messages.filter((m) => !m.checksumOk).length,
  };
  const p50 = nearestRank(latencies, 50);
  const p99 = nearestRank(latencies, 99);
  if (p50 !== undefined && p99 !== undefined)
    Object.assign(figures, { latencyAboveMinP50Us: p50, latencyAboveMinP99Us: p99 });
  return figures;
}
