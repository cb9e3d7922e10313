/**
 * Integrity of one connection's stream from sequence numbers alone: a gap is counted lost at once;
 * a missing number that turns up later is moved from lost to reordered; anything else at or below
 * the highest seen is a duplicate. The set of open gaps is bounded so a huge loss cannot grow memory.
 */
const MAX_TRACKED_GAPS = 100_000;

export interface IntegrityCounts {
  received: number;
  lost: number;
  duplicated: number;
  reordered: number;
  corrupted: number;
}

export function createIntegrityCounts(): IntegrityCounts {
  return { received: 0, lost: 0, duplicated: 0, reordered: 0, corrupted: 0 };
}

export class SequenceTracker {
  /** Highest sequence seen; undefined until the first message (a late joiner starts anywhere). */
  private highest: number | undefined;
  private readonly missing = new Set<number>();

  /** `resumeAfter` makes the first expected message resumeAfter + 1, so a bad resume shows as loss. */
  constructor(
    private readonly counts: IntegrityCounts,
    resumeAfter?: number,
  ) {
    this.highest = resumeAfter;
  }

  get lastSeq(): number | undefined {
    return this.highest;
  }

  /** Records one arrival; returns false for a duplicate (the caller should not deliver it). */
  accept(seq: number): boolean {
    this.counts.received++;
    if (this.highest === undefined || seq === this.highest + 1) {
      this.highest = seq;
      return true;
    }
    if (seq > this.highest) {
      for (let s = this.highest + 1; s < seq && this.missing.size < MAX_TRACKED_GAPS; s++) this.missing.add(s);
      this.counts.lost += seq - this.highest - 1;
      this.highest = seq;
      return true;
    }
    if (this.missing.delete(seq)) {
      this.counts.lost--;
      this.counts.reordered++;
      return true;
    }
    this.counts.duplicated++;
    return false;
  }

  /** The stream ended at `lastSeq`: everything after the highest seen never came. */
  end(lastSeq: number): void {
    const highest = this.highest ?? 0;
    if (lastSeq > highest) {
      this.counts.lost += lastSeq - highest;
      this.highest = lastSeq;
    }
  }
}
