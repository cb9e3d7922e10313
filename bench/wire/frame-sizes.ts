/**
 * Known-answer byte sizes taken from the specifications, so a measured byte count can be checked
 * against what the protocol says it must be (claims WS-3, WS-4, SSE-6, SSE-7). Pure functions: no
 * I/O, no clocks. Every size is in bytes on the TCP stream (the TCP payload), not counting IP or
 * TCP headers, which are the same for both transports.
 */

/** Largest WebSocket payload length a 2-byte header can state (RFC 6455 §5.2, "Payload len" 0–125). */
const WS_SHORT_PAYLOAD_MAX_BYTES = 125;
/** Largest payload length the 16-bit extended length can state (RFC 6455 §5.2, length code 126). */
const WS_MEDIUM_PAYLOAD_MAX_BYTES = 0xffff;
/** The masking key a client adds to every frame it sends (RFC 6455 §5.2 "Masking-key", §5.3). */
const WS_MASK_KEY_BYTES = 4;

/** Options for {@link wsFrameBytes}. */
export interface WsFrameOptions {
  /** True for frames a client sends: RFC 6455 §5.1 requires every client→server frame to be masked. */
  masked: boolean;
}

/**
 * Bytes of one WebSocket frame carrying `payloadBytes` (RFC 6455 §5.2, base framing protocol):
 * a 2-byte header (FIN/RSV/opcode, MASK bit and 7-bit length) when the payload is at most 125 bytes,
 * 2 more bytes of 16-bit extended length up to 65,535 bytes, 8 more bytes of 64-bit extended length
 * beyond that, plus the 4-byte masking key on client→server frames. Extensions such as
 * permessage-deflate (RFC 7692) change the payload, not this header arithmetic.
 */
export function wsFrameBytes(payloadBytes: number, options: WsFrameOptions): number {
  assertByteCount(payloadBytes, 'payloadBytes');
  return wsHeaderBytes(payloadBytes) + (options.masked ? WS_MASK_KEY_BYTES : 0) + payloadBytes;
}

function wsHeaderBytes(payloadBytes: number): number {
  if (payloadBytes <= WS_SHORT_PAYLOAD_MAX_BYTES) return 2;
  if (payloadBytes <= WS_MEDIUM_PAYLOAD_MAX_BYTES) return 2 + 2;
  return 2 + 8;
}

/** The line endings the event stream grammar accepts (WHATWG HTML, server-sent events, `end-of-line`). */
export type SseLineEnding = '\n' | '\r\n' | '\r';

/** One event as a server writes it; see {@link sseEventBytes}. */
export interface SseEventShape {
  /** The `id:` field, which the client stores as its last event ID (sent back as Last-Event-ID). */
  id?: string;
  /** The `event:` field (event type); absent means the default type `message`. */
  event?: string;
  /** One `data:` line each; the client joins them with U+000A. */
  dataLines: readonly string[];
  /** The `retry:` field, the reconnection time in milliseconds. */
  retry?: number;
  lineEnding: SseLineEnding;
}

/**
 * Bytes of one server-sent event on the stream (WHATWG HTML Living Standard §9.2.5 "Parsing an event
 * stream", html.spec.whatwg.org/#parsing-an-event-stream: `event = *( comment / field ) end-of-line`):
 * each field is written as `name: value` plus a line ending, with the single space after the colon
 * that servers conventionally send (the parser strips exactly one), and an empty line dispatches the
 * event. Values are counted as UTF-8, the only encoding the format allows (the same section: streams
 * are decoded with UTF-8 decode, whatever the Content-Type says).
 * Example: `{ id: '5', dataLines: ['xyz'], lineEnding: '\n' }` is `id: 5\ndata: xyz\n\n`, 17 bytes (6 + 10 + 1).
 */
export function sseEventBytes(shape: SseEventShape): number {
  const eolBytes = shape.lineEnding.length;
  const fieldBytes = (name: string, value: string): number =>
    name.length + 2 + Buffer.byteLength(value, 'utf8') + eolBytes;
  let totalBytes = eolBytes; // the blank line that dispatches the event
  if (shape.id !== undefined) totalBytes += fieldBytes('id', shape.id);
  if (shape.event !== undefined) totalBytes += fieldBytes('event', shape.event);
  if (shape.retry !== undefined) totalBytes += fieldBytes('retry', String(shape.retry));
  for (const line of shape.dataLines) totalBytes += fieldBytes('data', line);
  return totalBytes;
}

/** The `last-chunk` and empty trailer section that end a chunked body: `0\r\n\r\n` (RFC 9112 §7.1). */
export const CHUNKED_TERMINATOR_BYTES = '0\r\n\r\n'.length;

/**
 * Bytes one HTTP/1.1 chunk of `chunkBytes` data takes on the wire (RFC 9112 §7.1,
 * `chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF`): the size in hexadecimal without leading
 * zeros, CRLF, the data, CRLF. Chunk extensions are not counted: servers do not send them.
 * A chunk of 0 bytes would end the body, so it is rejected here; see {@link CHUNKED_TERMINATOR_BYTES}.
 */
export function chunkedFramingBytes(chunkBytes: number): number {
  assertByteCount(chunkBytes, 'chunkBytes');
  if (chunkBytes === 0)
    throw new RangeError('chunkBytes must be > 0: a zero-size chunk is the last-chunk that ends the body');
  return chunkBytes.toString(16).length + 2 + chunkBytes + 2;
}

/**
 * Characters (= bytes) of the padded base64 encoding of `inputBytes` bytes (RFC 4648 §4): every 3
 * input bytes become 4 characters and a partial final group is padded with `=` to 4, so
 * 4 × ⌈n / 3⌉. This is what binary costs on a text-only transport such as SSE (claim SSE-7).
 */
export function base64Bytes(inputBytes: number): number {
  assertByteCount(inputBytes, 'inputBytes');
  return 4 * Math.ceil(inputBytes / 3);
}

function assertByteCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}
