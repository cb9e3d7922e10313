import { describe, expect, it } from 'vitest';
import { createNaiveLineParser, splitByteLines, type NaiveFraming } from './naive-line-parser.js';

function parse(chunks: (string | Buffer)[], framing: NaiveFraming): string[] {
  const messages: string[] = [];
  const parser = createNaiveLineParser({ framing, onMessage: (data) => messages.push(data) });
  for (const chunk of chunks) parser.feed(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  parser.end();
  return messages;
}

describe('splitByteLines', () => {
  it('splits on LF, CR and CRLF like bytes.splitlines(), with no empty last line', () => {
    const lines = splitByteLines(Buffer.from('a\nb\r\nc\rd\n\ne')).map((line) => Buffer.from(line).toString());
    expect(lines).toEqual(['a', 'b', 'c', 'd', '', 'e']);
    expect(splitByteLines(Buffer.from('x\n'))).toHaveLength(1);
  });
});

describe('naive line parser, per-chunk framing', () => {
  it('reads whole events: data lines only, leading space dropped, CRLF understood', () => {
    expect(parse(['id: 1\ndata: one\n\nid: 2\r\ndata: two\r\n\r\n: comment\n\n'], 'per-chunk')).toEqual(['one', 'two']);
  });

  it('breaks a line cut by a chunk boundary into a truncated message and a dropped tail', () => {
    expect(parse(['data: hel', 'lo\n\n'], 'per-chunk')).toEqual(['hel']);
    expect(parse(['da', 'ta: hello\n\n'], 'per-chunk')).toEqual([]);
  });

  it('turns a UTF-8 character cut by a chunk boundary into replacement characters', () => {
    const bytes = Buffer.from('data: é\n\n');
    const cut = bytes.indexOf(0xa9); // the second byte of "é" (c3 a9)
    expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)], 'per-chunk')).toEqual(['\ufffd']);
  });

  it('splits a multi-line data event into one message per line', () => {
    expect(parse(['data: first\ndata: second\n\n'], 'per-chunk')).toEqual(['first', 'second']);
  });
});

describe('naive line parser, iter-lines framing (requests)', () => {
  it('carries an unfinished line into the next chunk', () => {
    expect(parse(['data: hel', 'lo\n\n'], 'iter-lines')).toEqual(['hello']);
  });

  it('decodes only whole lines, so a cut UTF-8 character survives', () => {
    const bytes = Buffer.from('data: 汉字\n\n');
    expect(
      parse(
        [...bytes].map((byte) => Buffer.from([byte])),
        'iter-lines',
      ),
    ).toEqual(['汉字']);
  });

  it('treats a CR at the end of a chunk as a line end and skips the empty line the LF makes', () => {
    expect(parse(['data: a\r', '\ndata: b\r\n'], 'iter-lines')).toEqual(['a', 'b']);
  });

  it('flushes an unterminated last line at end of stream, as requests does', () => {
    expect(parse(['data: tail'], 'iter-lines')).toEqual(['tail']);
  });
});
