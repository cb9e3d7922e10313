import { describe, expect, it } from 'vitest';
import { base64DecodedBytes, measureBinaryEnvelope, measureTextEnvelope } from './envelope-bytes.js';

describe('measureTextEnvelope', () => {
  it('splits the six fields from a text payload', () => {
    // "7 12 123456789 4321 t abcd " is 27 bytes of envelope fields before the payload.
    const bytes = Buffer.from('7 12 123456789 4321 t abcd hello world');
    expect(measureTextEnvelope(bytes, 0, bytes.length)).toEqual({
      headerBytes: 27,
      payloadOnWireBytes: 11,
      payloadBytes: 11,
    });
  });

  it('measures a base64 payload by what it decodes to', () => {
    const payload = Buffer.from([1, 2, 3, 4]).toString('base64'); // "AQIDBA==": 8 characters, 4 bytes
    const bytes = Buffer.from(`xx0 1 2 0 b ff ${payload}yy`);
    expect(measureTextEnvelope(bytes, 2, bytes.length - 2)).toEqual({
      headerBytes: 13,
      payloadOnWireBytes: 8,
      payloadBytes: 4,
    });
  });

  it('calls a line without six fields all envelope', () => {
    const bytes = Buffer.from('not an envelope');
    expect(measureTextEnvelope(bytes, 0, bytes.length)).toEqual({
      headerBytes: 15,
      payloadOnWireBytes: 0,
      payloadBytes: 0,
    });
  });
});

describe('base64DecodedBytes (RFC 4648 §4)', () => {
  it('takes 3 bytes per 4 characters, less the padding', () => {
    for (const length of [0, 1, 2, 3, 16, 1024]) {
      const encoded = Buffer.from(Buffer.alloc(length).toString('base64'));
      expect(base64DecodedBytes(encoded, 0, encoded.length)).toBe(length);
    }
  });
});

describe('measureBinaryEnvelope', () => {
  it('takes the 32-byte header off the frame payload', () => {
    expect(measureBinaryEnvelope(32 + 16)).toEqual({ headerBytes: 32, payloadOnWireBytes: 16, payloadBytes: 16 });
  });
});
