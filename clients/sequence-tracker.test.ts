import { describe, expect, it } from 'vitest';
import { createIntegrityCounts, SequenceTracker } from './sequence-tracker.js';

function track(seqs: number[], resumeAfter?: number, endAt?: number) {
  const counts = createIntegrityCounts();
  const tracker = new SequenceTracker(counts, resumeAfter);
  for (const seq of seqs) tracker.accept(seq);
  if (endAt !== undefined) tracker.end(endAt);
  return counts;
}

describe('SequenceTracker', () => {
  it('counts a clean stream as clean', () => {
    expect(track([1, 2, 3, 4])).toEqual({ received: 4, lost: 0, duplicated: 0, reordered: 0, corrupted: 0 });
  });
  it('counts gaps as lost', () => {
    expect(track([1, 2, 5, 6, 9])).toMatchObject({ lost: 4, duplicated: 0, reordered: 0 });
  });
  it('moves a late arrival from lost to reordered', () => {
    expect(track([1, 3, 2, 4])).toMatchObject({ lost: 0, reordered: 1, duplicated: 0 });
  });
  it('counts repeats as duplicates, not as reordering', () => {
    expect(track([1, 2, 2, 3, 1])).toMatchObject({ lost: 0, duplicated: 2, reordered: 0 });
  });
  it('starts a late joiner wherever it joined', () => {
    expect(track([500, 501, 502])).toMatchObject({ lost: 0 });
  });
  it('counts what a resume skipped as lost', () => {
    expect(track([13, 14], 10)).toMatchObject({ lost: 2 });
  });
  it('counts a missing tail once the end marker says where the stream ended', () => {
    expect(track([1, 2, 3], undefined, 6)).toMatchObject({ lost: 3 });
  });
});
