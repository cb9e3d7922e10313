/**
 * The noise floor, estimated from the runs themselves rather than assumed: the half-width of the
 * bootstrap interval of the median ratio. It is the smallest change this particular set of runs
 * can resolve, so it grows on a noisy machine and shrinks with more repeats, and it says when a
 * metric is too noisy to decide instead of letting noise pass for "no change".
 */
import type { IntervalEstimate } from './bootstrap.js';

/** Half-width of the interval in percent of its estimate (0 for a degenerate estimate). */
export function noiseFloorPct(interval: IntervalEstimate): number {
  if (!(interval.estimate > 0)) return 0;
  return ((interval.ciHigh - interval.ciLow) / 2 / interval.estimate) * 100;
}

/** True when the noise alone is wider than the change the threshold asks us to detect. */
export function isNoiseAboveThreshold(floorPct: number, thresholdPct: number): boolean {
  return floorPct > thresholdPct;
}
