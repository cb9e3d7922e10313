import { describe, expect, it } from 'vitest';
import {
  BINARY_HEADER_BYTES,
  checksumOf,
  decodeBinary,
  decodeEndText,
  decodeText,
  encodeBinary,
  encodeEndText,
  encodeText,
  EnvelopeError,
  type Envelope,
} from './envelope.js';

const make = (payload: string | Buffer, kind: Envelope['kind']): Envelope => ({
  streamId: 7,
  seq: 123456789,
  scheduledNs: 8765432101234567n,
  kind,
  payload,
  checksum: checksumOf(payload),
});

describe('text envelope', () => {
  it.each([
    ['text', 'hello world with spaces'],
    ['json', '{"a":1,"b":"x y"}'],
    ['text', 'multi-byte: é 汉字 🚀'],
  ] as const)('round-trips a %s payload', (kind, payload) => {
    const decoded = decodeText(encodeText(make(payload, kind), 8765432101234567n + 1234n));
    expect(decoded).toEqual({
      streamId: 7,
      seq: 123456789,
      scheduledNs: 8765432101234567,
      writtenNs: 8765432101234567 + 1234,
      kind,
      payload,
      checksumOk: true,
    });
  });

  it('carries the write time as its lag behind the schedule, 0 when none is given or it would be negative', () => {
    expect(encodeText(make('x', 'text'), 8765432101234567n + 250_000n)).toMatch(
      /^7 123456789 8765432101234567 250000 t /,
    );
    expect(encodeText(make('x', 'text'))).toMatch(/^7 123456789 8765432101234567 0 t /);
    expect(decodeText(encodeText(make('x', 'text'), 5n)).writtenNs).toBe(8765432101234567);
  });

  it('carries binary payloads as base64 and decodes them back to the same bytes', () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13, 32]);
    const line = encodeText(make(bytes, 'binary'));
    expect(line).not.toContain('\n');
    expect(line.endsWith(bytes.toString('base64'))).toBe(true);
    const decoded = decodeText(line);
    expect(Buffer.compare(decoded.payload as Buffer, bytes)).toBe(0);
    expect(decoded.checksumOk).toBe(true);
  });

  it('flags a payload changed in transit', () => {
    const line = encodeText(make('original payload', 'text'));
    expect(decodeText(line.replace('original', 'ORIGINAL')).checksumOk).toBe(false);
  });

  it('rejects lines that are not envelopes', () => {
    expect(() => decodeText('hello')).toThrow(EnvelopeError);
    expect(() => decodeText('1 2 3 0 z ff payload')).toThrow(/unknown kind/);
    expect(() => decodeText('1 2 3 x t ff payload')).toThrow(/decimal integers/);
    // The six-field form of the first envelope version is not mistaken for a message.
    expect(() => decodeText('1 2 3 t ff payload')).toThrow(EnvelopeError);
  });
});

describe('binary envelope', () => {
  it('round-trips with a fixed header', () => {
    const bytes = Buffer.from('raw bytes \u0000 here');
    const frame = encodeBinary(make(bytes, 'binary'), 8765432101234567n + 777n);
    expect(frame.length).toBe(BINARY_HEADER_BYTES + bytes.length);
    const decoded = decodeBinary(frame);
    expect(decoded.seq).toBe(123456789);
    expect(decoded.scheduledNs).toBe(8765432101234567);
    expect(decoded.writtenNs).toBe(8765432101234567 + 777);
    expect(Buffer.compare(decoded.payload as Buffer, bytes)).toBe(0);
    expect(decoded.checksumOk).toBe(true);
  });

  it('detects a flipped payload byte and a short frame', () => {
    const frame = encodeBinary(make(Buffer.from('abcdef'), 'binary'));
    frame[frame.length - 1] = frame.at(-1)! ^ 1;
    expect(decodeBinary(frame).checksumOk).toBe(false);
    expect(() => decodeBinary(frame.subarray(0, 10))).toThrow(EnvelopeError);
  });
});

describe('end marker', () => {
  it('is distinguishable from any envelope', () => {
    expect(decodeEndText(encodeEndText(42))).toBe(42);
    expect(decodeEndText(encodeText(make('x', 'text')))).toBeUndefined();
  });
});
