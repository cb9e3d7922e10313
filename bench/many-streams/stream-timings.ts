/**
 * From each stream's first-event time to a cell's figures. A stream either had its first event by
 * the deadline (its time counts in the percentiles) or it is stalled; percentiles are over the
 * streams that got one, so a stall shows in `streams_stalled`, never as a made-up time.
 */

/** One stream, as any client saw it: ms from the moment all were requested, or none by the deadline. */
export interface StreamOutcome {
  firstEventMs: number | null;
  /** Why it failed, when it did (a category such as `connect` or `close:1006`); stalled streams have none. */
  error?: string;
}

/** Nearest-rank percentile of sorted values (p in 0–100). */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summariseStreams(outcomes: readonly StreamOutcome[]): Record<string, number> {
  const timesUs = outcomes
    .flatMap((o) => (o.firstEventMs === null ? [] : [Math.round(o.firstEventMs * 1000)]))
    .sort((a, b) => a - b);
  const metrics: Record<string, number> = {
    streams_opened: outcomes.length,
    streams_stalled: outcomes.length - timesUs.length,
  };
  if (timesUs.length === 0) return metrics;
  return { ...metrics, ttfe_p50_us: percentile(timesUs, 50), ttfe_max_us: timesUs.at(-1)! };
}

/** Failed streams by category, for the run's errorCounts. */
export function countStreamErrors(outcomes: readonly StreamOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { error } of outcomes) if (error !== undefined) counts[error] = (counts[error] ?? 0) + 1;
  return counts;
}
