import { describe, expect, it } from 'vitest';
import { latenciesAboveMinUs, nearestRank, summarisePageMessages, type PageMessage } from './page-timing.js';

/** Messages 1 ms apart on the schedule, arriving `delaysUs` after it on a page clock 5 s off. */
function messages(delaysUs: number[]): PageMessage[] {
  return delaysUs.map((delayUs, i) => ({
    seq: i + 1,
    scheduledNs: 1e12 + i * 1e6,
    checksumOk: true,
    arrivalMs: 5000 + i + delayUs / 1000,
  }));
}

describe('page timing', () => {
  it('measures latency above the fastest message, whatever the two clocks origins', () => {
    expect(latenciesAboveMinUs(messages([300, 100, 600, 100]), 0)).toEqual(
      [0, 0, 200, 500].map((us) => expect.closeTo(us, 6)),
    );
  });

  it('leaves the warm-up messages out of the latency', () => {
    expect(latenciesAboveMinUs(messages([9000, 100, 200]), 1)).toEqual([expect.closeTo(0, 6), expect.closeTo(100, 6)]);
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([nearestRank(sorted, 50), nearestRank(sorted, 99), nearestRank([], 50)]).toEqual([50, 99, undefined]);
  });

  it('counts lost, duplicated, reordered and corrupted messages against 1..expected', () => {
    const received = messages([100, 100, 100, 100, 100]);
    received[1] = { ...received[1]!, seq: 4 };
    received[4] = { ...received[4]!, seq: 3, checksumOk: false };
    // Sequences 1 4 3 4 3 of 1..6: 2, 5 and 6 lost; 4 and 3 twice; 3 after 4; one bad checksum.
    const figures = summarisePageMessages(received, 6, 0);
    expect(figures).toMatchObject({ unique: 3, lost: 3, duplicated: 2, reordered: 1, corrupted: 1 });
  });
});
