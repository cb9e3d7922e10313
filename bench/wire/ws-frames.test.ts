import { describe, expect, it } from 'vitest';
import { parseWsFrames, WS_OPCODE } from './ws-frames.js';

/** A frame built by hand from RFC 6455 §5.2 (FIN set). */
function frame(opcode: number, payloadBytes: number, options: { masked?: boolean; rsv1?: boolean } = {}): Buffer {
  const first = 0x80 | (options.rsv1 ? 0x40 : 0) | opcode;
  const maskBit = options.masked ? 0x80 : 0;
  let header: Buffer;
  if (payloadBytes <= 125) header = Buffer.from([first, maskBit | payloadBytes]);
  else if (payloadBytes <= 0xffff) header = Buffer.from([first, maskBit | 126, payloadBytes >> 8, payloadBytes & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(payloadBytes), 2);
  }
  return Buffer.concat([
    header,
    options.masked ? Buffer.alloc(4, 7) : Buffer.alloc(0),
    Buffer.alloc(payloadBytes, 0x61),
  ]);
}

describe('parseWsFrames (RFC 6455 §5.2)', () => {
  it('reads 2-, 4- and 10-byte headers and the payload after them', () => {
    const frames = parseWsFrames(
      Buffer.concat([frame(WS_OPCODE.text, 125), frame(WS_OPCODE.binary, 126), frame(WS_OPCODE.binary, 65_536)]),
    );
    expect(frames.map((f) => [f.headerBytes, f.payloadBytes])).toEqual([
      [2, 125],
      [4, 126],
      [10, 65_536],
    ]);
    expect(frames[1]?.payloadStart).toBe(127 + 4);
  });

  it('counts the masking key of client frames apart from the header', () => {
    const [masked] = parseWsFrames(frame(WS_OPCODE.text, 10, { masked: true }));
    expect(masked).toMatchObject({ headerBytes: 2, maskBytes: 4, payloadStart: 6, payloadBytes: 10 });
  });

  it('reads the opcode, FIN and RSV1 (permessage-deflate)', () => {
    const [compressed, close] = parseWsFrames(
      Buffer.concat([frame(WS_OPCODE.text, 3, { rsv1: true }), frame(WS_OPCODE.close, 2)]),
    );
    expect(compressed).toMatchObject({ opcode: WS_OPCODE.text, fin: true, compressed: true });
    expect(close).toMatchObject({ opcode: WS_OPCODE.close, compressed: false });
  });

  it('rejects a frame cut in its header or its payload', () => {
    expect(() => parseWsFrames(Buffer.from([0x81]))).toThrow(/cut short/);
    expect(() => parseWsFrames(frame(WS_OPCODE.text, 200).subarray(0, 3))).toThrow(/cut short/);
    expect(() => parseWsFrames(frame(WS_OPCODE.text, 20).subarray(0, 15))).toThrow(/cut short/);
  });
});
