/**
 * Where to cut one incoming chunk before forwarding it: a pure function of the chunk's place in the
 * stream and the active faults, so the cutting rules are tested without sockets.
 */

export interface SegmentPlanInput {
  /** Length of the chunk to forward. */
  chunkBytes: number;
  /** Bytes of this direction already forwarded: the stream offset of the chunk's first byte. */
  streamOffset: number;
  /** Largest piece in bytes (the tighter of slicing and bandwidth pacing); undefined = no limit. */
  maxPieceBytes?: number;
  /** Stream offsets at which a piece must end (strictly increasing). */
  cutOffsets?: readonly number[];
  /** Stream offset after which nothing may be forwarded (truncate / reset); undefined = none. */
  limitOffset?: number;
}

export interface SegmentPlan {
  /** Piece lengths, in order; their sum is the number of bytes to forward from this chunk. */
  pieceBytes: number[];
  /** True when the stream reaches limitOffset with this chunk (or had already). */
  reachesLimit: boolean;
}

/** Cut points strictly inside (start, end), from the explicit offsets. */
function offsetsInside(cutOffsets: readonly number[] | undefined, start: number, end: number): number[] {
  return (cutOffsets ?? []).filter((offset) => offset > start && offset < end);
}

/** Splits one span into pieces no longer than maxPieceBytes. */
function splitSpan(spanBytes: number, maxPieceBytes: number | undefined): number[] {
  if (maxPieceBytes === undefined || spanBytes <= maxPieceBytes) return [spanBytes];
  const pieces: number[] = [];
  for (let left = spanBytes; left > 0; left -= maxPieceBytes) pieces.push(Math.min(left, maxPieceBytes));
  return pieces;
}

/** Plans the pieces for one chunk: truncated at the limit, cut at offsets, then split by size. */
export function planSegments(input: SegmentPlanInput): SegmentPlan {
  const start = input.streamOffset;
  const room = input.limitOffset === undefined ? input.chunkBytes : Math.max(0, input.limitOffset - start);
  const end = start + Math.min(input.chunkBytes, room);
  const reachesLimit = input.limitOffset !== undefined && end >= input.limitOffset;
  const pieceBytes: number[] = [];
  let spanStart = start;
  for (const cut of [...offsetsInside(input.cutOffsets, start, end), end]) {
    if (cut > spanStart) pieceBytes.push(...splitSpan(cut - spanStart, input.maxPieceBytes));
    spanStart = cut;
  }
  return { pieceBytes, reachesLimit };
}
