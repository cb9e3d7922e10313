/**
 * Verdicts for metrics that are counted, not timed: they must not move at all. Bytes per message
 * and handshake bytes are properties of the code, so any change is either intended (update the
 * baseline) or a bug; a lost, duplicated, reordered or corrupted message is a bug whatever the base
 * said, because correctness has no noise floor.
 */
import type { MetricComparison } from './comparison.js';
import type { MetricRule } from './classify.js';
import { medianOf } from './order-stats.js';

/** The fields of a MetricComparison this module decides. */
export type ExactJudgement = Pick<MetricComparison, 'verdict' | 'reason'>;

function isWithinTolerance(a: number, b: number, relTolerance: number): boolean {
  return Math.abs(a - b) <= relTolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** A note when an "exact" metric differs between runs of one build: it is then not exact. */
function describeRunSpread(values: readonly number[], relTolerance: number): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return isWithinTolerance(low, high, relTolerance)
    ? ''
    : `; varies across head runs (${low}..${high}), so it is not counted deterministically`;
}

/**
 * Must-be-zero counts: judged on the worst run, not the median, because one lost message in one
 * run is already a lost message. Needs no base.
 */
export function judgeMustBeZero(head: readonly number[], rule: MetricRule): ExactJudgement {
  const failing = head.filter((value) => value > 0);
  if (failing.length === 0) return { verdict: 'pass', reason: `0 in all ${head.length} runs` };
  return {
    verdict: 'correctness-failure',
    reason: `${rule.name} = ${Math.max(...failing)} in ${failing.length} of ${head.length} runs; must be 0`,
  };
}

/** Exact metrics: the head median must equal the base median, up to float rounding. */
export function judgeExactMetric(
  base: readonly number[],
  head: readonly number[],
  relTolerance: number,
): ExactJudgement {
  const baseMedian = medianOf(base);
  const headMedian = medianOf(head);
  const spreadNote = describeRunSpread(head, relTolerance);
  if (isWithinTolerance(baseMedian, headMedian, relTolerance))
    return { verdict: 'pass', reason: `unchanged${spreadNote}` };
  return {
    verdict: 'exact-changed',
    reason: `changed ${baseMedian} → ${headMedian}; exact metric (update the baseline if intended)${spreadNote}`,
  };
}
