/**
 * Bootstrap confidence intervals for medians and for the ratio of two medians, the model being
 * criterion.rs: resample the repeated runs with replacement many times, recompute the statistic on
 * each resample, and read the interval off the percentiles of those recomputed values. It assumes
 * nothing about the shape of the distribution, which matters for latency (skewed, multi-modal).
 *
 * With very few runs the bootstrap is coarse (the median of 5 values can only be one of them), so
 * the intervals it gives for n < 5 are wide: that is the honest answer, and what makes a metric
 * inconclusive instead of silently passing.
 */
import { medianInPlace, quantileOfSorted } from './order-stats.js';
import { randomIndex, type RandomSource } from './prng.js';

export interface BootstrapOptions {
  /** Resamples to draw; 10,000 puts the percentile error well under the width of the interval. */
  resamples: number;
  /** Two-sided confidence level of the interval, e.g. 0.95. */
  confidence: number;
  random: RandomSource;
}

/** A point estimate and its percentile-bootstrap confidence interval. */
export interface IntervalEstimate {
  estimate: number;
  ciLow: number;
  ciHigh: number;
}

/** Fills `scratch` with a resample (with replacement) of `values` and returns its median. */
function resampleMedian(values: readonly number[], scratch: Float64Array, random: RandomSource): number {
  for (let i = 0; i < scratch.length; i++) scratch[i] = values[randomIndex(random, values.length)] ?? Number.NaN;
  return medianInPlace(scratch);
}

/** Reads the two-sided percentile interval off bootstrap replicates (sorted in place). */
function percentileInterval(replicates: Float64Array, confidence: number): { ciLow: number; ciHigh: number } {
  replicates.sort();
  const tail = (1 - confidence) / 2;
  return { ciLow: quantileOfSorted(replicates, tail), ciHigh: quantileOfSorted(replicates, 1 - tail) };
}

/** Median of `values` with a bootstrap confidence interval: how precisely the runs pin it down. */
export function bootstrapMedian(values: readonly number[], options: BootstrapOptions): IntervalEstimate {
  const scratch = new Float64Array(values.length);
  const replicates = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) replicates[r] = resampleMedian(values, scratch, options.random);
  const estimate = medianInPlace(Float64Array.from(values));
  return { estimate, ...percentileInterval(replicates, options.confidence) };
}

/**
 * Ratio median(head) / median(base) with a bootstrap confidence interval. Base and head are
 * resampled independently, as they are independent sets of runs. A ratio rather than a difference
 * so one threshold in percent fits metrics of any scale.
 */
export function bootstrapRatioOfMedians(
  base: readonly number[],
  head: readonly number[],
  options: BootstrapOptions,
): IntervalEstimate {
  const baseScratch = new Float64Array(base.length);
  const headScratch = new Float64Array(head.length);
  const replicates = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    const baseMedian = resampleMedian(base, baseScratch, options.random);
    replicates[r] = resampleMedian(head, headScratch, options.random) / baseMedian;
  }
  const estimate = medianInPlace(Float64Array.from(head)) / medianInPlace(Float64Array.from(base));
  return { estimate, ...percentileInterval(replicates, options.confidence) };
}
