import { describe, expect, it } from 'vitest';
import { bootstrapMedian, bootstrapRatioOfMedians } from './bootstrap.js';
import { medianOf, quantileOfSorted } from './order-stats.js';
import { permutationPValue } from './permutation-test.js';
import { createRandom, seedFromText } from './prng.js';

const options = (seed: number) => ({ resamples: 10_000, confidence: 0.95, random: createRandom(seed) });

describe('order statistics', () => {
  it('takes medians of odd and even samples and interpolated quantiles', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNaN();
    expect(quantileOfSorted([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantileOfSorted([10, 20], 0.5)).toBe(15);
  });
});

describe('seeded random source', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seedFromText('a/b\u0000m')).not.toBe(seedFromText('a/b\u0000n'));
  });
});

describe('bootstrapRatioOfMedians', () => {
  it('brackets the true ratio of two shifted samples', () => {
    const base = [100, 103, 97, 101, 99, 102, 98];
    const head = base.map((x) => x * 1.3);
    const estimate = bootstrapRatioOfMedians(base, head, options(1));
    expect(estimate.estimate).toBeCloseTo(1.3, 10);
    expect(estimate.ciLow).toBeLessThanOrEqual(1.3);
    expect(estimate.ciHigh).toBeGreaterThanOrEqual(1.3);
    expect(estimate.ciLow).toBeGreaterThan(1.2);
    expect(estimate.ciHigh).toBeLessThan(1.4);
  });

  it('collapses to a point when every run gave the same value', () => {
    expect(bootstrapRatioOfMedians([50, 50, 50], [75, 75, 75], options(2))).toEqual({
      estimate: 1.5,
      ciLow: 1.5,
      ciHigh: 1.5,
    });
  });

  it('widens the interval with the noise of the runs', () => {
    const quiet = bootstrapMedian([99, 100, 101, 100, 99], options(3));
    const loud = bootstrapMedian([60, 100, 140, 80, 120], options(3));
    expect(quiet.ciHigh - quiet.ciLow).toBeLessThan(5);
    expect(loud.ciHigh - loud.ciLow).toBeGreaterThan(30);
  });
});

describe('permutationPValue', () => {
  it('is about 2/252 for two fully separated groups of 5 (the exact two-sided value)', () => {
    const p = permutationPValue([10, 11, 12, 13, 14], [20, 21, 22, 23, 24], {
      permutations: 20_000,
      random: createRandom(4),
    });
    expect(p).toBeGreaterThan(0.004);
    expect(p).toBeLessThan(0.013);
  });

  it('is large for interleaved groups', () => {
    const p = permutationPValue([10, 12, 14, 16, 18], [11, 13, 15, 17, 19], {
      permutations: 10_000,
      random: createRandom(5),
    });
    expect(p).toBeGreaterThan(0.5);
  });

  it('can never reach 0.05 with 3 runs a side', () => {
    const p = permutationPValue([1, 2, 3], [7, 8, 9], { permutations: 10_000, random: createRandom(6) });
    expect(p).toBeGreaterThan(0.08);
  });
});
