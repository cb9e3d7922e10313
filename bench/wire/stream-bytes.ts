/**
 * Where every byte of one bounded stream went, as parsed from the raw bytes the client read: the
 * set-up, the messages (with their parts), what a stream pays once (SSE's `retry:` preamble, the end
 * marker, the last chunk or close frame), and anything the parsers could not place, which must be 0.
 */

/** Sums over all messages of a stream; divide by `messages` for per-message figures. */
export interface MessageByteParts {
  /** SSE: `id: `, `data: ` and every line ending, the dispatching blank line included. */
  sseFieldBytes: number;
  /** SSE: the `id:` values (the sequence number, for Last-Event-ID). */
  sseIdBytes: number;
  /** SSE over HTTP/1.1: chunk-size lines and CRLFs of the chunks that carried messages. */
  chunkFramingBytes: number;
  /** WS: frame headers (2, 4 or 10 bytes each) and masking keys. */
  wsHeaderBytes: number;
  /** The harness's envelope fields (text: six fields; binary: a 32-byte header). */
  envelopeBytes: number;
  /** The payload as it travels: raw, or base64 on SSE. */
  payloadOnWireBytes: number;
  /** The payload's own bytes (before base64). */
  payloadBytes: number;
}

/** One direction's split of a stream. */
export interface StreamBytes {
  /** What the client socket read and wrote over the whole connection. */
  socketBytesDown: number;
  socketBytesUp: number;
  /** The raw bytes the tap recorded: must equal `socketBytesDown`. */
  tappedBytesDown: number;
  /** HTTP response head (SSE) or 101 upgrade response (WS); request head or upgrade request up. */
  handshakeBytesDown: number;
  handshakeBytesUp: number;
  /** Message events (SSE) or message frames (WS) found on the wire. */
  messages: number;
  /** Every byte that carried a message, framing included. */
  messageBytesDown: number;
  /**
   * The parts of `messageBytesDown`. Compressed, only the framing outside the compression
   * (chunk framing, frame headers) is known per part; the rest is `compressedMessageBytes`.
   */
  parts: MessageByteParts;
  /** True when the messages travelled compressed (gzip or permessage-deflate). */
  compressed: boolean;
  /** The message bytes inside the framing: compressed as sent, and decoded (equal when not compressed). */
  compressedMessageBytes: number;
  decodedMessageBytes: number;
  /** WS upstream: acknowledgement frames the server sent back, and their bytes. */
  acks: number;
  ackBytesDown: number;
  /** Bytes a stream pays once, whatever its length: down (preamble, end marker, terminator, close) and up (close). */
  fixedBytesDown: number;
  fixedBytesUp: number;
  /** socketBytesDown − handshake − messages − acks − fixed: bytes no parser placed. Must be 0. */
  unattributedBytesDown: number;
  /** What the set-up negotiated: `gzip`, the permessage-deflate parameters, `h2`, or `identity`. */
  negotiated: string;
  /** Over HTTP/2: header block sizes, DATA frames, flow control (the part `chunkFramingBytes` holds DATA frame headers). */
  h2?: import('./h2-stream-bytes.js').H2StreamBytes;
}

/** An empty parts record to add into. */
export function createEmptyParts(): MessageByteParts {
  return {
    sseFieldBytes: 0,
    sseIdBytes: 0,
    chunkFramingBytes: 0,
    wsHeaderBytes: 0,
    envelopeBytes: 0,
    payloadOnWireBytes: 0,
    payloadBytes: 0,
  };
}

/** One connection's raw material: the bytes read, as tapped, and the socket's own counters. */
export interface RawConnection {
  down: Buffer;
  socketBytesDown: number;
  socketBytesUp: number;
  /** Bytes written by the end of the set-up (the request, or the upgrade request). */
  handshakeBytesUp: number;
  /** Bytes written for upstream messages (WS upstream), counted apart from the close. */
  upstreamBytesUp: number;
}
