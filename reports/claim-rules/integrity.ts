/**
 * Whether a cell delivered its messages exactly. Judged on the worst repeat (the max), not the
 * median: one repeat that lost a message is a loss, however many others did not.
 */
import type { CellResult } from '../../bench/results.js';
import { metricSummary, okRuns } from '../results-query.js';

/** The largest value a count took in any successful repeat; 0 when it was not recorded. */
export function worstCount(cell: CellResult, metric: string): number {
  return metricSummary(cell, metric)?.max ?? 0;
}

/** No failed repeat, at least one successful one, and nothing lost or corrupted in any. */
export function deliveredIntact(cell: CellResult): boolean {
  const failedRuns = cell.runs.length - okRuns(cell).length;
  return failedRuns === 0 && okRuns(cell).length > 0 && worstCount(cell, 'lost_count') === 0 && worstCount(cell, 'corrupted_count') === 0;
}
