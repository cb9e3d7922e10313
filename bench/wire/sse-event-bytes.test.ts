import { describe, expect, it } from 'vitest';
import { parseSseEventBytes } from './sse-event-bytes.js';

const parse = (text: string) => parseSseEventBytes(Buffer.from(text, 'utf8'));

describe('parseSseEventBytes (WHATWG HTML §9.2.5)', () => {
  it('splits a message event into field names and line endings, id value and data value', () => {
    // "id: 42\n" = 4 + 2 + 1; "data: hello\n" = 6 + 5 + 1; blank line 1.
    const [event] = parse('id: 42\ndata: hello\n\n');
    expect(event).toMatchObject({
      kind: 'message',
      start: 0,
      end: 20,
      fieldBytes: 4 + 1 + 6 + 1 + 1,
      idBytes: 2,
      valueBytes: 5,
      firstData: { start: 13, end: 18 },
    });
  });

  it('strips only one space after the colon, and none when there is none', () => {
    const [spaced, bare] = parse('data:  two\n\ndata:x\n\n');
    expect(spaced).toMatchObject({ fieldBytes: 6 + 1 + 1, valueBytes: 4 });
    expect(bare).toMatchObject({ fieldBytes: 5 + 1 + 1, valueBytes: 1 });
  });

  it('tells the retry preamble, the end event, comments and messages apart', () => {
    const kinds = parse('retry: 1000\n\n:\n\nid: 1\ndata: a\n\nevent: end\ndata: 1\n\n').map((event) => event.kind);
    expect(kinds).toEqual(['retry', 'comment', 'message', 'end']);
  });

  it('accepts CRLF and lone CR line endings, counting each ending byte', () => {
    const [crlf] = parse('data: a\r\n\r\n');
    const [cr] = parse('data: a\r\r');
    expect(crlf).toMatchObject({ kind: 'message', fieldBytes: 6 + 2 + 2, valueBytes: 1, end: 11 });
    expect(cr).toMatchObject({ kind: 'message', fieldBytes: 6 + 1 + 1, valueBytes: 1, end: 9 });
  });

  it('places every byte of the stream in exactly one event', () => {
    const text = 'retry: 5\n\nid: 1\ndata: x y z\n\nid: 22\ndata: \n\nevent: end\ndata: 22\n\n';
    const events = parse(text);
    const total = events.reduce((sum, event) => sum + event.fieldBytes + event.idBytes + event.valueBytes, 0);
    expect(total).toBe(Buffer.byteLength(text));
    expect(events.map((event) => event.end - event.start).reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(text));
  });

  it('returns a last event without its blank line as other, bytes and all', () => {
    const events = parse('data: a\n\ndata: cut');
    expect(events.map((event) => event.kind)).toEqual(['message', 'other']);
    expect(events[1]).toMatchObject({ start: 9, end: 18, valueBytes: 3 });
  });
});
