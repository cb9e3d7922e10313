/**
 * HTTP/2 frames as they lie in a connection's bytes (RFC 9113 §4.1): a 9-byte header (24-bit
 * length, type, flags, 31-bit stream id) and the payload. Padded DATA and HEADERS frames carry a
 * pad-length byte and padding (§6.1, §6.2), and HEADERS may carry 5 bytes of priority: none of that
 * is header block or data, so it is counted as framing.
 */
import { PhaseError } from '../phase-error.js';

export const H2_FRAME_HEADER_BYTES = 9;
/** The client connection preface (RFC 9113 §3.4): `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`. */
export const H2_CLIENT_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export const H2_FRAME_TYPES = {
  data: 0x0,
  headers: 0x1,
  priority: 0x2,
  rstStream: 0x3,
  settings: 0x4,
  pushPromise: 0x5,
  ping: 0x6,
  goaway: 0x7,
  windowUpdate: 0x8,
  continuation: 0x9,
} as const;

const FLAG_PADDED = 0x8;
const FLAG_PRIORITY = 0x20;

export interface H2Frame {
  type: number;
  flags: number;
  streamId: number;
  /** Where the frame starts in the buffer, and its whole size (header included). */
  start: number;
  totalBytes: number;
  /** The frame's content: DATA's data, HEADERS' header block fragment; the rest is framing. */
  contentStart: number;
  contentEnd: number;
}

/** Splits `bytes` (from `offset`) into frames; throws on a frame cut short. */
export function parseH2Frames(bytes: Buffer, offset = 0): H2Frame[] {
  const frames: H2Frame[] = [];
  let at = offset;
  while (at < bytes.length) {
    if (at + H2_FRAME_HEADER_BYTES > bytes.length)
      throw new PhaseError('protocol:http2', `a frame header cut short at byte ${at} of ${bytes.length}`);
    const length = bytes.readUIntBE(at, 3);
    const type = bytes[at + 3]!;
    const flags = bytes[at + 4]!;
    const streamId = bytes.readUInt32BE(at + 5) & 0x7fff_ffff;
    const payloadStart = at + H2_FRAME_HEADER_BYTES;
    const end = payloadStart + length;
    if (end > bytes.length)
      throw new PhaseError(
        'protocol:http2',
        `a ${length}-byte frame at byte ${at} runs past the ${bytes.length} bytes read`,
      );
    frames.push({
      type,
      flags,
      streamId,
      start: at,
      totalBytes: end - at,
      ...contentOf(bytes, type, flags, payloadStart, end),
    });
    at = end;
  }
  return frames;
}

function contentOf(
  bytes: Buffer,
  type: number,
  flags: number,
  payloadStart: number,
  end: number,
): { contentStart: number; contentEnd: number } {
  const carries = type === H2_FRAME_TYPES.data || type === H2_FRAME_TYPES.headers;
  if (!carries) return { contentStart: end, contentEnd: end };
  const padded = (flags & FLAG_PADDED) !== 0;
  const padLength = padded ? bytes[payloadStart]! : 0;
  const priorityBytes = type === H2_FRAME_TYPES.headers && (flags & FLAG_PRIORITY) !== 0 ? 5 : 0;
  return { contentStart: payloadStart + (padded ? 1 : 0) + priorityBytes, contentEnd: end - padLength };
}
