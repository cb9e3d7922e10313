/**
 * The SSE event stream format (WHATWG HTML, "Server-sent events"): `id:` carries the sequence so
 * the browser's Last-Event-ID resumes the stream; the envelope is one `data:` line; a blank line
 * dispatches the event.
 */
import { encodeText, END_EVENT, type Envelope } from './envelope.js';
import { plainText } from './event-format.js';

/** `writtenNs`: when the event goes to the socket (see encodeText); absent, on schedule. */
export function encodeSseEvent(env: Envelope, writtenNs?: bigint): string {
  return `id: ${env.seq}\ndata: ${encodeText(env, writtenNs)}\n\n`;
}

/** A message as a plain event: the sequence as `id:` (so Last-Event-ID still resumes), the payload alone as data. */
export function encodeSsePlainEvent(env: Envelope): string {
  return `id: ${env.seq}\ndata: ${plainText(env.payload)}\n\n`;
}

export function encodeSsePlainBatch(messages: readonly Envelope[]): string {
  let out = '';
  for (const env of messages) out += encodeSsePlainEvent(env);
  return out;
}

/** All messages of a batch as one string: one write, one HTTP chunk, usually one TCP segment. */
export function encodeSseBatch(messages: readonly Envelope[], writtenNs?: bigint): string {
  let out = '';
  for (const env of messages) out += encodeSseEvent(env, writtenNs);
  return out;
}

export function encodeSseEnd(lastSeq: number): string {
  return `event: ${END_EVENT}\ndata: ${lastSeq}\n\n`;
}

export function encodeSseRetry(retryMs: number): string {
  return `retry: ${retryMs}\n\n`;
}

/** The shortest comment that keeps intermediaries and idle timers from closing the stream. */
export const SSE_HEARTBEAT = ':\n\n';
