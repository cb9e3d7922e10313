import { describe, expect, it } from 'vitest';
import { BINARY_HEADER_BYTES, checksumOf, decodeBinary, decodeEndText, decodeText, encodeBinary, encodeEndText, encodeText, EnvelopeError, type Envelope } from './envelope.js';

const make = (payload: string | Buffer, kind: Envelope['kind']): Envelope => ({ streamId: 7, seq: 123456789, scheduledNs: 98765432101234567n, kind, payload, checksum: checksumOf(payload) });

describe('text envelope', () => {
  it.each([
    ['text', 'hello world with spaces'],
    ['json', '{"a":1,"b":"x y"}'],
    ['text', 'multi-byte: é 汉字 🚀'],
  ] as const)('round-trips a %s payload', (kind, payload) => {
    const decoded = decodeText(encodeText(make(payload, kind)));
    expect(decoded).toEqual({ streamId: 7, seq: 123456789, scheduledNs: 98765432101234567, kind, payload, checksumOk: true });
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
    expect(() => decodeText('1 2 3 z ff payload')).toThrow(/unknown kind/);
  });
});

describe('binary envelope', () => {
  it('round-trips with a fixed header', () => {
    const bytes = Buffer.from('raw bytes \u0000 here');
    const frame = encodeBinary(make(bytes, 'binary'));
    expect(frame.length).toBe(BINARY_HEADER_BYTES + bytes.length);
    const decoded = decodeBinary(frame);
    expect(decoded.seq).toBe(123456789);
    expect(decoded.scheduledNs).toBe(98765432101234567);
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
