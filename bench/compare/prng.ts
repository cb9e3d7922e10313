/**
 * A small seeded pseudo-random generator, so that every bootstrap and permutation test gives the
 * same answer for the same inputs: a CI verdict that flips when re-run on identical data would be
 * noise added by the tool itself.
 */

/** Returns uniform floats in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: 32-bit state, passes the usual statistical batteries well enough for resampling,
 * and is a handful of lines a reader can check.
 */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives a seed from text (FNV-1a), so each (cell, metric) gets its own stream: its verdict then
 * does not depend on which other metrics happen to be in the same document.
 */
export function seedFromText(text: string, baseSeed = 0): number {
  let hash = (0x811c9dc5 ^ baseSeed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Returns an integer in [0, size). */
export function randomIndex(random: RandomSource, size: number): number {
  return Math.floor(random() * size);
}
