/**
 * Order statistics over small samples. Medians rather than means throughout: one run disturbed by
 * a noisy neighbour on a shared CI machine moves a mean but not a median.
 */

/** Median of a sample; NaN for an empty one. Does not modify `values`. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return medianInPlace(Float64Array.from(values));
}

/** Below this length an insertion sort beats TypedArray#sort, whose per-call cost dominates. */
const INSERTION_SORT_MAX = 32;

function sortInPlace(values: Float64Array): void {
  if (values.length > INSERTION_SORT_MAX) {
    values.sort();
    return;
  }
  for (let i = 1; i < values.length; i++) {
    const held = values[i] ?? Number.NaN;
    let j = i - 1;
    while (j >= 0 && (values[j] ?? Number.NaN) > held) {
      values[j + 1] = values[j] ?? Number.NaN;
      j--;
    }
    values[j + 1] = held;
  }
}

/** Median that sorts `scratch` in place; the bootstrap calls it 10,000 times, so no allocation. */
export function medianInPlace(scratch: Float64Array): number {
  sortInPlace(scratch);
  const middle = scratch.length >> 1;
  const upper = scratch[middle] ?? Number.NaN;
  if (scratch.length % 2 === 1) return upper;
  return ((scratch[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Quantile of an ascending sorted array with linear interpolation between closest ranks (the
 * "type 7" rule of R and NumPy), `q` in [0, 1].
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lowValue = sorted[below] ?? Number.NaN;
  const highValue = sorted[above] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (position - below);
}
