/**
 * The test stream of the framing experiment: N SSE events whose data lines are wire envelopes
 * (servers/envelope.ts), built to contain every byte pattern a reader can get wrong:
 * - `id:` lines (the Last-Event-ID of each event),
 * - some events with CRLF line endings (legal SSE, and the \r\n pair can be split),
 * - payloads with 2-, 3- and 4-byte UTF-8 characters ("é", "汉字", "🚀"),
 * - one event whose data spans two `data:` lines (the spec joins them with "\n").
 */
import { checksumOf, encodeText, type Envelope, type PayloadKind } from '../../servers/envelope.js';

export interface FramingStreamOptions {
  /** Events in the stream. */
  eventCount: number;
  /** Every crlfEvery-th event (by seq) uses CRLF line endings; 0 = none. */
  crlfEvery: number;
  /** Whether the middle event carries a two-line payload (two `data:` lines). */
  multiLineEvent: boolean;
}

export const DEFAULT_FRAMING_STREAM: FramingStreamOptions = { eventCount: 24, crlfEvery: 3, multiLineEvent: true };

/** The stream as bytes, the envelopes it carries, and where each event ends. */
export interface FramingStream {
  events: Envelope[];
  bytes: Buffer;
  /** Byte offset just past each event's blank line, in order. */
  eventEndOffsets: number[];
  /** The seq of the multi-line event, if the stream has one. */
  multiLineSeq: number | undefined;
}

const STREAM_ID = 7;

/** Payloads cycle through these shapes; the JSON one mirrors the article's {code, data} body. */
const PAYLOAD_SHAPES: readonly ((seq: number) => { kind: PayloadKind; text: string })[] = [
  (seq) => ({ kind: 'text', text: `plain ascii message ${seq}` }),
  (seq) => ({ kind: 'text', text: `café crème é ${seq}` }),
  (seq) => ({ kind: 'text', text: `汉字流式下发 ${seq}` }),
  (seq) => ({ kind: 'json', text: JSON.stringify({ code: 200, data: `数据 ${seq} 🚀` }) }),
];

function envelopeFor(seq: number, text: string, kind: PayloadKind): Envelope {
  return {
    streamId: STREAM_ID,
    seq,
    scheduledNs: BigInt(seq) * 1_000_000n,
    kind,
    payload: text,
    checksum: checksumOf(text),
  };
}

function payloadFor(seq: number, multiLineSeq: number | undefined): { kind: PayloadKind; text: string } {
  if (seq === multiLineSeq) return { kind: 'text', text: `first line é ${seq}\nsecond line 汉字 ${seq}` };
  const shape = PAYLOAD_SHAPES[seq % PAYLOAD_SHAPES.length];
  if (shape === undefined) throw new Error('unreachable: payload shape index out of range');
  return shape(seq);
}

/** Formats one event; a payload with "\n" becomes one `data:` line per line, as the spec requires. */
export function formatSseEvent(envelope: Envelope, lineEnd: '\n' | '\r\n'): string {
  const dataLines = encodeText(envelope)
    .split('\n')
    .map((line) => `data: ${line}${lineEnd}`);
  return `id: ${envelope.seq}${lineEnd}${dataLines.join('')}${lineEnd}`;
}

/** Builds the stream; seqs run 1..eventCount. */
export function buildFramingStream(options: FramingStreamOptions = DEFAULT_FRAMING_STREAM): FramingStream {
  const multiLineSeq = options.multiLineEvent ? Math.ceil(options.eventCount / 2) : undefined;
  const events: Envelope[] = [];
  const parts: Buffer[] = [];
  const eventEndOffsets: number[] = [];
  let offset = 0;
  for (let seq = 1; seq <= options.eventCount; seq++) {
    const { kind, text } = payloadFor(seq, multiLineSeq);
    const envelope = envelopeFor(seq, text, kind);
    const lineEnd = options.crlfEvery > 0 && seq % options.crlfEvery === 0 ? '\r\n' : '\n';
    const part = Buffer.from(formatSseEvent(envelope, lineEnd), 'utf8');
    events.push(envelope);
    parts.push(part);
    offset += part.length;
    eventEndOffsets.push(offset);
  }
  return { events, bytes: Buffer.concat(parts), eventEndOffsets, multiLineSeq };
}
