/**
 * The width of the buckets a timeline was counted in. Stream scenarios count per second, the fault
 * scenarios per 100 ms: a chart must say which, or a count per 100 ms reads as a rate per second.
 */
import type { CellResult, TimelinePoint } from '../../bench/results.js';
import { formatDurationMs } from '../format.js';

/** The cell's `timelineBucketMs` parameter, else the spacing of its points; undefined with fewer than two. */
export function findBucketMs(cell: CellResult, timeline: readonly TimelinePoint[]): number | undefined {
  const param = cell.params['timelineBucketMs'];
  if (typeof param === 'number' && param > 0) return param;
  const [first, second] = timeline;
  return first === undefined || second === undefined || second.tMs <= first.tMs ? undefined : second.tMs - first.tMs;
}

/** `second` for 1,000 ms buckets, `100 ms` otherwise, `500 ms or second` when series differ. */
export function describeBuckets(bucketsMs: readonly number[]): string {
  const unique = [...new Set(bucketsMs)].sort((a, b) => a - b);
  if (unique.length === 0) return 'bucket';
  return unique.map((ms) => (ms === 1000 ? 'second' : formatDurationMs(ms))).join(' or ');
}
