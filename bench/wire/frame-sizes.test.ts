import { describe, expect, it } from 'vitest';
import {
  base64Bytes,
  CHUNKED_TERMINATOR_BYTES,
  chunkedFramingBytes,
  sseEventBytes,
  wsFrameBytes,
} from './frame-sizes.js';

// Every expected value below is worked out by hand from the specification, not by calling the code.
describe('wsFrameBytes (RFC 6455 §5.2)', () => {
  it('uses a 2-byte header up to 125 payload bytes', () => {
    expect(wsFrameBytes(0, { masked: false })).toBe(2);
    expect(wsFrameBytes(125, { masked: false })).toBe(127);
  });

  it('adds a 16-bit extended length from 126 to 65,535 bytes', () => {
    expect(wsFrameBytes(126, { masked: false })).toBe(130);
    expect(wsFrameBytes(65_535, { masked: false })).toBe(65_539);
  });

  it('adds a 64-bit extended length from 65,536 bytes', () => {
    expect(wsFrameBytes(65_536, { masked: false })).toBe(65_546);
    expect(wsFrameBytes(1_000_000, { masked: false })).toBe(1_000_010);
  });

  it('adds the 4-byte masking key to client frames', () => {
    expect(wsFrameBytes(125, { masked: true })).toBe(131);
    expect(wsFrameBytes(126, { masked: true })).toBe(134);
    expect(wsFrameBytes(65_536, { masked: true })).toBe(65_550);
  });

  it('rejects sizes that are not byte counts', () => {
    expect(() => wsFrameBytes(-1, { masked: false })).toThrow(RangeError);
    expect(() => wsFrameBytes(1.5, { masked: false })).toThrow(RangeError);
  });
});

describe('sseEventBytes (WHATWG HTML, event stream format)', () => {
  it('counts `id: 5\\ndata: xyz\\n\\n` as 17 bytes', () => {
    // "id: 5\n" 6 + "data: xyz\n" 10 + "\n" 1
    expect(sseEventBytes({ id: '5', dataLines: ['xyz'], lineEnding: '\n' })).toBe(17);
  });

  it('counts every field and one line ending per line', () => {
    // "event: end\n" 11 + "retry: 3000\n" 12 + "data: a\n" 8 + "data: bc\n" 9 + "\n" 1
    expect(sseEventBytes({ event: 'end', retry: 3000, dataLines: ['a', 'bc'], lineEnding: '\n' })).toBe(41);
  });

  it('counts CRLF line endings as two bytes each', () => {
    // "id: 5\r\n" 7 + "data: xyz\r\n" 11 + "\r\n" 2
    expect(sseEventBytes({ id: '5', dataLines: ['xyz'], lineEnding: '\r\n' })).toBe(20);
  });

  it('counts values as UTF-8, not UTF-16 code units', () => {
    // "data: " 6 + "é" 2 + "€" 3 + "😀" 4 + "\n" 1 + "\n" 1
    expect(sseEventBytes({ dataLines: ['é€😀'], lineEnding: '\n' })).toBe(17);
  });

  it('counts an empty data line', () => {
    // "data: \n" 7 + "\n" 1
    expect(sseEventBytes({ dataLines: [''], lineEnding: '\n' })).toBe(8);
  });
});

describe('chunkedFramingBytes (RFC 9112 §7.1)', () => {
  it('adds the hex size, CRLF and a closing CRLF to the data', () => {
    expect(chunkedFramingBytes(1)).toBe(1 + 2 + 1 + 2); // "1\r\nX\r\n"
    expect(chunkedFramingBytes(15)).toBe(1 + 2 + 15 + 2); // "f"
    expect(chunkedFramingBytes(16)).toBe(2 + 2 + 16 + 2); // "10"
    expect(chunkedFramingBytes(4096)).toBe(4 + 2 + 4096 + 2); // "1000"
    expect(chunkedFramingBytes(70_000)).toBe(5 + 2 + 70_000 + 2); // "11170"
  });

  it('ends the body with `0\\r\\n\\r\\n`', () => {
    expect(CHUNKED_TERMINATOR_BYTES).toBe(5);
  });

  it('rejects a zero-size chunk, which would end the body', () => {
    expect(() => chunkedFramingBytes(0)).toThrow(/last-chunk/);
  });
});

describe('base64Bytes (RFC 4648 §4)', () => {
  it('is 4 × ceil(n / 3) with padding', () => {
    expect(base64Bytes(0)).toBe(0);
    expect(base64Bytes(1)).toBe(4);
    expect(base64Bytes(3)).toBe(4);
    expect(base64Bytes(4)).toBe(8);
    expect(base64Bytes(1024)).toBe(1368);
  });

  it('agrees with Buffer.toString("base64")', () => {
    for (const inputBytes of [0, 1, 2, 3, 5, 100, 1000]) {
      expect(base64Bytes(inputBytes)).toBe(Buffer.alloc(inputBytes, 7).toString('base64').length);
    }
  });
});
