/**
 * The verdict for one noisy metric (latency, throughput, reconnect time). Three questions, in the
 * manner of criterion.rs:
 * 1. Is the change real? A permutation test of the medians, p < alpha.
 * 2. Is it big enough to matter? The whole interval of the ratio lies beyond the threshold.
 * 3. If neither a regression nor an improvement: does the interval rule out a regression of the
 *    threshold's size? If so, pass; if not, the runs cannot decide, and we say inconclusive.
 *
 * A threshold of t% is a factor (1 + t/100) either way: lower-is-better metrics regress above
 * ×1.10 for t = 10, higher-is-better ones below ×1/1.10 (−9.1%), so a slowdown and the matching
 * drop in rate are judged alike.
 */
import type { Better } from '../metrics.js';
import { bootstrapRatioOfMedians, type IntervalEstimate } from './bootstrap.js';
import type { CompareSettings, MetricComparison } from './comparison.js';
import type { MetricRule } from './classify.js';
import { isNoiseAboveThreshold, noiseFloorPct } from './noise.js';
import { permutationPValue } from './permutation-test.js';
import type { RandomSource } from './prng.js';

/** The fields of a MetricComparison this module decides. */
export type NoisyJudgement = Pick<
  MetricComparison,
  'verdict' | 'reason' | 'ratio' | 'ciLow' | 'ciHigh' | 'pValue' | 'noiseFloorPct' | 'thresholdPct'
>;

/** Below 2 runs a side the bootstrap interval collapses to a point and would look certain. */
const MIN_RUNS_PER_SIDE = 2;

/** Maps a head/base ratio so that values above 1 always mean "worse". */
function toWorseRatio(ratio: number, better: Better): number {
  return better === 'higher' ? 1 / ratio : ratio;
}

function formatChangePct(ratio: number): string {
  const pct = (ratio - 1) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** Returns a reason when the samples cannot be judged at all, else undefined. */
function findUnjudgeableReason(base: readonly number[], head: readonly number[]): string | undefined {
  if (base.length < MIN_RUNS_PER_SIDE || head.length < MIN_RUNS_PER_SIDE) {
    return `too few successful runs (base ${base.length}, head ${head.length}; need ${MIN_RUNS_PER_SIDE} a side)`;
  }
  if ([...base, ...head].some((value) => !(value > 0) || !Number.isFinite(value))) {
    return 'a ratio needs positive finite values';
  }
  return undefined;
}

interface Decision {
  interval: IntervalEstimate;
  pValue: number;
  floorPct: number;
  rule: MetricRule;
  alpha: number;
}

/** Applies the three questions of the module comment to computed figures. */
function decide({ interval, pValue, floorPct, rule, alpha }: Decision): Pick<MetricComparison, 'verdict' | 'reason'> {
  const worseEnds = [toWorseRatio(interval.ciLow, rule.better), toWorseRatio(interval.ciHigh, rule.better)];
  const worseLow = Math.min(...worseEnds);
  const worseHigh = Math.max(...worseEnds);
  const limit = 1 + rule.thresholdPct / 100;
  const change = formatChangePct(interval.estimate);
  const beyond = `${change}, whole interval beyond the ${rule.thresholdPct}% threshold`;
  const significant = pValue < alpha;
  if ((worseLow > limit || worseHigh < 1 / limit) && !significant) {
    return {
      verdict: 'inconclusive',
      reason: `${beyond} but not significant (p=${pValue.toFixed(3)}); more repeats would decide`,
    };
  }
  if (worseLow > limit) return { verdict: 'regressed', reason: `${beyond} (p=${pValue.toFixed(3)})` };
  if (worseHigh < 1 / limit) return { verdict: 'improved', reason: `${beyond} (p=${pValue.toFixed(3)})` };
  if (worseHigh <= limit)
    return { verdict: 'pass', reason: `${change}, interval within the ${rule.thresholdPct}% threshold` };
  if (isNoiseAboveThreshold(floorPct, rule.thresholdPct)) {
    return {
      verdict: 'inconclusive',
      reason: `noise floor ±${floorPct.toFixed(1)}% exceeds the ${rule.thresholdPct}% threshold`,
    };
  }
  return {
    verdict: 'inconclusive',
    reason: `${change}, interval straddles the ${rule.thresholdPct}% threshold (p=${pValue.toFixed(3)})`,
  };
}

/** Judges one noisy metric from the per-run values of base and head. */
export function judgeNoisyMetric(
  base: readonly number[],
  head: readonly number[],
  rule: MetricRule,
  settings: CompareSettings,
  random: RandomSource,
): NoisyJudgement {
  const unjudgeable = findUnjudgeableReason(base, head);
  if (unjudgeable !== undefined)
    return { verdict: 'inconclusive', reason: unjudgeable, thresholdPct: rule.thresholdPct };
  const interval = bootstrapRatioOfMedians(base, head, {
    resamples: settings.resamples,
    confidence: settings.confidence,
    random,
  });
  const pValue = permutationPValue(base, head, { permutations: settings.resamples, random });
  const floorPct = noiseFloorPct(interval);
  return {
    ...decide({ interval, pValue, floorPct, rule, alpha: settings.alpha }),
    ratio: interval.estimate,
    ciLow: interval.ciLow,
    ciHigh: interval.ciHigh,
    pValue,
    noiseFloorPct: floorPct,
    thresholdPct: rule.thresholdPct,
  };
}
