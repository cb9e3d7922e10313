import { describe, expect, it } from 'vitest';
import { parseChunkedBody } from './chunked-body.js';

const body = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('parseChunkedBody (RFC 9112 §7.1)', () => {
  it('splits chunks into data and framing, and measures the last chunk', () => {
    // "3\r\nabc\r\n" = 1 + 2 (size line) + 3 + 2; "10\r\n" + 16 bytes + "\r\n" = 4 + 16 + 2.
    const parsed = parseChunkedBody(body(`3\r\nabc\r\n10\r\n${'x'.repeat(16)}\r\n0\r\n\r\n`));
    expect(parsed.chunks).toEqual([
      { framingBytes: 5, dataStart: 3, dataEnd: 6 },
      { framingBytes: 6, dataStart: 12, dataEnd: 28 },
    ]);
    expect(parsed.lastChunkBytes).toBe(5);
    expect(parsed.trailingBytes).toBe(0);
  });

  it('counts chunk extensions as framing and trailer fields as the last chunk', () => {
    const parsed = parseChunkedBody(body('2;name=v\r\nhi\r\n0\r\nX-T: 1\r\n\r\n'));
    expect(parsed.chunks[0]?.framingBytes).toBe('2;name=v\r\n'.length + 2);
    expect(parsed.lastChunkBytes).toBe('0\r\nX-T: 1\r\n\r\n'.length);
  });

  it('reports bytes after the last chunk', () => {
    expect(parseChunkedBody(body('1\r\na\r\n0\r\n\r\nextra')).trailingBytes).toBe(5);
  });

  it('rejects a cut body, a bad size and a chunk without its CRLF', () => {
    expect(() => parseChunkedBody(body('5\r\nab'))).toThrow(/cut/);
    expect(() => parseChunkedBody(body('zz\r\nab\r\n'))).toThrow(/not hexadecimal/);
    expect(() => parseChunkedBody(body('2\r\nabXY0\r\n\r\n'))).toThrow(/CRLF/);
    expect(() => parseChunkedBody(body('2\r\nab\r\n'))).toThrow(/no CRLF/);
  });
});
