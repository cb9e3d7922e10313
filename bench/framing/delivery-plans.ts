/**
 * How the stream is cut into the chunks a reader receives. A TCP reader sees whatever segments the
 * network and the kernel make, so a correct reader must give the same messages for every cut.
 */

/** The ways the experiment delivers the stream. */
export type DeliveryMode =
  /** Two chunks, once for every split position 1..length-1 (one run per position). */
  | 'split-once'
  /** Every byte its own chunk (one run). */
  | 'one-byte-chunks'
  /** Every event run together in a single chunk ("sticky packets"; one run). */
  | 'one-chunk'
  /** Each event in its own chunk, cut exactly at event ends (one run). */
  | 'event-per-chunk';

export const DELIVERY_MODES: readonly DeliveryMode[] = [
  'split-once',
  'one-byte-chunks',
  'one-chunk',
  'event-per-chunk',
];

/** What lies on either side of a split position, for the breakdown of where readers break. */
export type SplitKind =
  /** Right after a line end: both chunks hold whole lines. */
  | 'line-boundary'
  /** Between the \r and the \n of a CRLF. */
  | 'cr-lf'
  /** Inside a multi-byte UTF-8 character. */
  | 'utf8-inside'
  /** Anywhere else inside a line. */
  | 'in-line';

export const SPLIT_KINDS: readonly SplitKind[] = ['line-boundary', 'cr-lf', 'utf8-inside', 'in-line'];

const LF = 0x0a;
const CR = 0x0d;

/** Cuts `bytes` at the given increasing offsets. */
export function cutAt(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  return chunks;
}

/** Every byte its own chunk. */
export function cutEveryByte(bytes: Buffer): Buffer[] {
  return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
}

/** Says what a split at `position` (between bytes position-1 and position) falls on. */
export function classifySplit(bytes: Buffer, position: number): SplitKind {
  const before = bytes[position - 1];
  const after = bytes[position];
  if (before === CR && after === LF) return 'cr-lf';
  if (before === LF || before === CR) return 'line-boundary';
  // UTF-8 continuation bytes are 10xxxxxx: a split before one is inside a character.
  if (after !== undefined && (after & 0xc0) === 0x80) return 'utf8-inside';
  return 'in-line';
}
