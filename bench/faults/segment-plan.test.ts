import { describe, expect, it } from 'vitest';
import { planSegments } from './segment-plan.js';

describe('planSegments', () => {
  it('forwards a chunk whole when nothing cuts it', () => {
    expect(planSegments({ chunkBytes: 100, streamOffset: 0 })).toEqual({ pieceBytes: [100], reachesLimit: false });
  });

  it('splits into pieces of at most maxPieceBytes, the last one shorter', () => {
    expect(planSegments({ chunkBytes: 10, streamOffset: 0, maxPieceBytes: 4 }).pieceBytes).toEqual([4, 4, 2]);
    expect(planSegments({ chunkBytes: 3, streamOffset: 0, maxPieceBytes: 1 }).pieceBytes).toEqual([1, 1, 1]);
  });

  it('cuts at stream offsets, not chunk offsets', () => {
    // The chunk covers stream bytes [50, 150): cuts at 60 and 120 fall inside it, 10 and 150 do not.
    const plan = planSegments({ chunkBytes: 100, streamOffset: 50, cutOffsets: [10, 60, 120, 150] });
    expect(plan.pieceBytes).toEqual([10, 60, 30]);
  });

  it('combines offset cuts with a size limit, restarting the size count at each cut', () => {
    const plan = planSegments({ chunkBytes: 10, streamOffset: 0, cutOffsets: [3], maxPieceBytes: 4 });
    expect(plan.pieceBytes).toEqual([3, 4, 3]);
  });

  it('stops at the limit and says so', () => {
    expect(planSegments({ chunkBytes: 100, streamOffset: 90, limitOffset: 120 })).toEqual({
      pieceBytes: [30],
      reachesLimit: true,
    });
    expect(planSegments({ chunkBytes: 100, streamOffset: 0, limitOffset: 100 })).toEqual({
      pieceBytes: [100],
      reachesLimit: true,
    });
    expect(planSegments({ chunkBytes: 100, streamOffset: 0, limitOffset: 101 })).toEqual({
      pieceBytes: [100],
      reachesLimit: false,
    });
  });

  it('forwards nothing once the limit is already passed', () => {
    expect(planSegments({ chunkBytes: 10, streamOffset: 200, limitOffset: 120 })).toEqual({
      pieceBytes: [],
      reachesLimit: true,
    });
  });
});
