/**
 * Byte accounting of a received event stream (WHATWG HTML §9.2.5): every byte is put in exactly one
 * place, so the wire scenarios can say what the `id:` and `data:` fields and the line endings cost
 * beside the data they carry. Works on the raw UTF-8 bytes (no decoding), accepts all three line
 * endings the grammar allows, and strips the one optional space after a field's colon, as a parser
 * does. Pure: no I/O.
 */

/** What an event is, by its fields: the wire scenarios count `message` events per message. */
export type SseEventKind = 'message' | 'end' | 'retry' | 'comment' | 'other';

/** One event (or a run of comment lines) as it lay in the stream. */
export interface SseEventBytes {
  kind: SseEventKind;
  /** Offsets in the stream: [start, end) spans every line of the event and its blank line. */
  start: number;
  end: number;
  /** Field names, colons, the optional space, comment lines and every line ending (the blank line's too). */
  fieldBytes: number;
  /** The values of `id:` fields. */
  idBytes: number;
  /** The values of every other field (`data:`, `event:`, `retry:`, unknown names). */
  valueBytes: number;
  /** The first `data:` value, [start, end), for looking inside the envelope it carries. */
  firstData?: { start: number; end: number };
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;

/** A line without its ending, and the ending's length (0 only for a last line with none). */
interface Line {
  start: number;
  end: number;
  eolBytes: number;
}

/** Splits the stream into events; a last event with no blank line after it is returned as `other`. */
export function parseSseEventBytes(stream: Buffer): SseEventBytes[] {
  const events: SseEventBytes[] = [];
  const lines = createLineReader(stream);
  let event = startEvent(0);
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    if (line.end === line.start && line.eolBytes > 0) {
      event.fieldBytes += line.eolBytes;
      event.end = line.start + line.eolBytes;
      events.push(finishEvent(event));
      event = startEvent(event.end);
      continue;
    }
    addLine(event, stream, line);
  }
  if (event.end > event.start) events.push({ ...finishEvent(event), kind: 'other' });
  return events;
}

interface OpenEvent extends SseEventBytes {
  names: Set<string>;
  eventType?: string;
}

function startEvent(start: number): OpenEvent {
  return { kind: 'other', start, end: start, fieldBytes: 0, idBytes: 0, valueBytes: 0, names: new Set() };
}

/** A field line `name[: value]` or a comment line `:text`. */
function addLine(event: OpenEvent, stream: Buffer, line: Line): void {
  event.end = line.end + line.eolBytes;
  const colon = findByte(stream, COLON, line.start, line.end);
  if (colon === line.start) {
    event.names.add(':');
    event.fieldBytes += line.end - line.start + line.eolBytes;
    return;
  }
  const nameEnd = colon < 0 ? line.end : colon;
  const name = stream.toString('utf8', line.start, nameEnd);
  let valueStart = colon < 0 ? line.end : colon + 1;
  if (valueStart < line.end && stream[valueStart] === SPACE) valueStart += 1;
  event.fieldBytes += valueStart - line.start + line.eolBytes;
  const valueBytes = line.end - valueStart;
  if (name === 'id') event.idBytes += valueBytes;
  else event.valueBytes += valueBytes;
  if (name === 'data' && event.firstData === undefined) event.firstData = { start: valueStart, end: line.end };
  if (name === 'event') event.eventType = stream.toString('utf8', valueStart, line.end);
  event.names.add(name);
}

/** The kind from the fields present: an `event:` type wins, then data, retry, comments. */
function finishEvent(event: OpenEvent): SseEventBytes {
  const { names, eventType, ...bytes } = event;
  let kind: SseEventKind = 'other';
  if (eventType === 'end') kind = 'end';
  else if (eventType === undefined && names.has('data')) kind = 'message';
  else if (names.size === 1 && names.has('retry')) kind = 'retry';
  else if (names.size === 1 && names.has(':')) kind = 'comment';
  return { ...bytes, kind };
}

/** Lines ending in LF, CRLF or a lone CR; the next CR is remembered so a stream without any is scanned once. */
function createLineReader(stream: Buffer): { next(): Line | undefined } {
  let at = 0;
  let nextCr = stream.indexOf(CR);
  return {
    next() {
      if (at >= stream.length) return undefined;
      if (nextCr >= 0 && nextCr < at) nextCr = stream.indexOf(CR, at);
      const nextLf = stream.indexOf(LF, at);
      const line = endLineAt(stream, at, nextLf, nextCr);
      at = line.end + line.eolBytes;
      return line;
    },
  };
}

function endLineAt(stream: Buffer, start: number, nextLf: number, nextCr: number): Line {
  if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
    const eolBytes = stream[nextCr + 1] === LF ? 2 : 1;
    return { start, end: nextCr, eolBytes };
  }
  if (nextLf >= 0) return { start, end: nextLf, eolBytes: 1 };
  return { start, end: stream.length, eolBytes: 0 };
}

/** indexOf limited to [from, to): a field's colon is near the start, never past the line. */
function findByte(stream: Buffer, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (stream[i] === byte) return i;
  return -1;
}
