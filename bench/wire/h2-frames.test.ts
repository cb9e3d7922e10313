import { describe, expect, it } from 'vitest';
import { H2_FRAME_TYPES, parseH2Frames } from './h2-frames.js';

/** A frame by hand: 24-bit length, type, flags, stream id, payload. */
function frame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.length, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(streamId, 5);
  return Buffer.concat([header, payload]);
}

describe('HTTP/2 frames (RFC 9113 §4.1)', () => {
  it('splits frames and finds what DATA and HEADERS carry, padding and priority left out', () => {
    const padded = Buffer.concat([Buffer.from([3]), Buffer.from('data: x\n\n'), Buffer.alloc(3)]); // pad length 3
    const bytes = Buffer.concat([
      frame(H2_FRAME_TYPES.settings, 0, 0, Buffer.alloc(6)),
      frame(H2_FRAME_TYPES.headers, 0x4 | 0x20, 1, Buffer.concat([Buffer.alloc(5), Buffer.from([0x88])])), // priority + one HPACK byte
      frame(H2_FRAME_TYPES.data, 0x8, 1, padded),
    ]);
    const frames = parseH2Frames(bytes);
    expect(frames.map((f) => [f.type, f.totalBytes, f.contentEnd - f.contentStart])).toEqual([
      [H2_FRAME_TYPES.settings, 15, 0],
      [H2_FRAME_TYPES.headers, 15, 1],
      [H2_FRAME_TYPES.data, 22, 9],
    ]);
    expect(bytes.toString('latin1', frames[2]!.contentStart, frames[2]!.contentEnd)).toBe('data: x\n\n');
  });

  it('refuses a frame cut short instead of guessing', () => {
    const whole = frame(H2_FRAME_TYPES.data, 0, 1, Buffer.from('hello'));
    expect(() => parseH2Frames(whole.subarray(0, whole.length - 1))).toThrow(/runs past/);
    expect(() => parseH2Frames(whole.subarray(0, 5))).toThrow(/cut short/);
  });
});
