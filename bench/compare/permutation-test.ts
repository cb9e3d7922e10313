/**
 * The significance half of the regression rule ("did anything change at all?"; the confidence
 * interval is the practical-size half): a Mann-Whitney rank-sum test, with its null distribution
 * built by permutation. U counts, over every (base run, head run) pair, how often head is larger;
 * under "no change" the labels are exchangeable, so shuffling them shows how far U strays by chance.
 *
 * Why not permute the median ratio itself: with 5 runs a side, once head and base separate into
 * two clusters almost every shuffle also puts one median in each cluster, so the median statistic
 * cannot tell the real split from a shuffled one. Ranks use every run, not just the middle one.
 *
 * Resolution is bounded by the number of distinct splits: with 3 runs a side there are only 20, so
 * the two-sided p-value never drops below 0.1; 4 runs a side are the minimum to reach p < 0.05.
 */
import { randomIndex, type RandomSource } from './prng.js';

export interface PermutationOptions {
  permutations: number;
  random: RandomSource;
}

/** U statistic of the first `headCount` values of `pool` against the rest; ties count a half. */
function rankSumU(pool: Float64Array, headCount: number): number {
  let u = 0;
  for (let h = 0; h < headCount; h++) {
    const headValue = pool[h] ?? Number.NaN;
    for (let b = headCount; b < pool.length; b++) {
      const baseValue = pool[b] ?? Number.NaN;
      if (headValue > baseValue) u += 1;
      else if (headValue === baseValue) u += 0.5;
    }
  }
  return u;
}

/** Shuffles only the first `count` slots (partial Fisher-Yates): that is all a split needs. */
function shuffleHead(pool: Float64Array, count: number, random: RandomSource): void {
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(random, pool.length - i);
    const held = pool[i] ?? Number.NaN;
    pool[i] = pool[j] ?? Number.NaN;
    pool[j] = held;
  }
}

/**
 * Two-sided p-value that head and base runs come from different distributions. Uses the
 * (k + 1) / (N + 1) estimate, which never reports an impossible p = 0 from finitely many shuffles.
 */
export function permutationPValue(
  base: readonly number[],
  head: readonly number[],
  options: PermutationOptions,
): number {
  const pool = Float64Array.from([...head, ...base]);
  const centre = (head.length * base.length) / 2;
  const observed = Math.abs(rankSumU(pool, head.length) - centre);
  let asExtreme = 0;
  for (let p = 0; p < options.permutations; p++) {
    shuffleHead(pool, head.length, options.random);
    if (Math.abs(rankSumU(pool, head.length) - centre) >= observed) asExtreme++;
  }
  return (asExtreme + 1) / (options.permutations + 1);
}
