/**
 * The failed-run check of a cell. A cell whose runs fail in head but not in base broke with this
 * change (a crash, a hung phase, a protocol error), which is a correctness failure; a cell that
 * also failed in base cannot tell us anything about this change, so it is inconclusive.
 */
import type { CellResult } from '../results.js';
import { FAILED_RUNS_METRIC, type MetricComparison } from './comparison.js';
import { summariseFailedRuns } from './samples.js';

function describeFailures(side: string, failed: ReturnType<typeof summariseFailedRuns>): string {
  const cause = failed.firstError === undefined ? '' : ` (${failed.firstError})`;
  return `${failed.failedRuns} of ${failed.totalRuns} runs failed in ${side}${cause}`;
}

/** Judges a head cell's failed runs against its base cell, if there is one. */
export function judgeCellStatus(head: CellResult, base: CellResult | undefined): MetricComparison {
  const headFailed = summariseFailedRuns(head);
  const baseFailed = base === undefined ? undefined : summariseFailedRuns(base);
  const entry: MetricComparison = {
    cellId: head.id,
    metric: FAILED_RUNS_METRIC,
    unit: 'count',
    metricClass: 'status',
    better: 'lower',
    verdict: 'pass',
    reason: 'no failed runs',
    baseRuns: baseFailed?.totalRuns ?? 0,
    headRuns: headFailed.totalRuns,
    headMedian: headFailed.failedRuns,
    ...(baseFailed === undefined ? {} : { baseMedian: baseFailed.failedRuns }),
  };
  if (headFailed.failedRuns === 0) return entry;
  if (baseFailed !== undefined && baseFailed.failedRuns > 0) {
    return {
      ...entry,
      verdict: 'inconclusive',
      reason: `${describeFailures('head', headFailed)}; also failed in base`,
    };
  }
  return { ...entry, verdict: 'correctness-failure', reason: describeFailures('head', headFailed) };
}
