/**
 * Places every byte an SSE client read (claims WS-3, SSE-6, SSE-7): the response head, then the
 * chunked body, chunk by chunk. Uncompressed, a chunk belongs to the messages when it carries a
 * message event, and each event splits into field names and line endings, `id:` values, the
 * envelope and the payload. Gzipped, the server flushes after every write, so the compressed body
 * falls into flush groups (each ending with the empty stored block `00 00 ff ff`, RFC 1951 §3.2.4)
 * and, beyond the first (the `retry:` preamble), group k carries message k.
 */
import { gunzipSync, constants } from 'node:zlib';
import { PhaseError } from '../phase-error.js';
import { parseChunkedBody, type ChunkedBody, type HttpChunk } from './chunked-body.js';
import { measureTextEnvelope } from './envelope-bytes.js';
import { readHttpHead } from './http-head.js';
import { parseSseEventBytes, type SseEventBytes } from './sse-event-bytes.js';
import { createEmptyParts, type MessageByteParts, type RawConnection, type StreamBytes } from './stream-bytes.js';

/** What a body split yields before the head and socket totals are added. */
export interface BodySplit {
  messages: number;
  messageBytesDown: number;
  parts: MessageByteParts;
  compressedMessageBytes: number;
  decodedMessageBytes: number;
  fixedBytesDown: number;
}

/** The split of a whole SSE connection; throws when the response is not a chunked event stream. */
export function attributeSseStream(raw: RawConnection): StreamBytes {
  const head = readHttpHead(raw.down);
  if (head.fields.get('transfer-encoding') !== 'chunked')
    throw new PhaseError('protocol:http-chunked', `SSE response is not chunked (${head.startLine})`);
  const body = raw.down.subarray(head.headBytes);
  const chunked = parseChunkedBody(body);
  const gzipped = head.fields.get('content-encoding') === 'gzip';
  const split = gzipped ? splitGzippedBody(body, chunked) : splitPlainBody(body, chunked);
  const attributed = head.headBytes + split.messageBytesDown + split.fixedBytesDown;
  return {
    socketBytesDown: raw.socketBytesDown,
    socketBytesUp: raw.socketBytesUp,
    tappedBytesDown: raw.down.length,
    handshakeBytesDown: head.headBytes,
    handshakeBytesUp: raw.handshakeBytesUp,
    messages: split.messages,
    messageBytesDown: split.messageBytesDown,
    parts: split.parts,
    compressed: gzipped,
    compressedMessageBytes: split.compressedMessageBytes,
    decodedMessageBytes: split.decodedMessageBytes,
    acks: 0,
    ackBytesDown: 0,
    fixedBytesDown: split.fixedBytesDown,
    fixedBytesUp: raw.socketBytesUp - raw.handshakeBytesUp - raw.upstreamBytesUp,
    unattributedBytesDown: raw.socketBytesDown - attributed,
    negotiated: gzipped ? 'gzip' : 'identity',
  };
}

/** Chunk data joined: the event stream as the client's parser saw it. */
function joinChunkData(body: Buffer, chunks: readonly HttpChunk[]): Buffer {
  return Buffer.concat(chunks.map((chunk) => body.subarray(chunk.dataStart, chunk.dataEnd)));
}

/**
 * An uncompressed event stream carried in pieces (HTTP/1.1 chunks, HTTP/2 DATA frames: each with
 * `framingBytes` around its data in `body`): the message events' parts, the framing of the pieces
 * that carry them, and what the stream pays once.
 */
export function splitPlainBody(body: Buffer, chunked: ChunkedBody): BodySplit {
  const text = joinChunkData(body, chunked.chunks);
  const events = parseSseEventBytes(text);
  const messages = events.filter((event) => event.kind === 'message');
  const parts = sumMessageParts(text, messages);
  parts.chunkFramingBytes = sumFramingOfMessageChunks(chunked.chunks, messages);
  const messageEventBytes = sumEventBytes(messages);
  const otherEventBytes = text.length - messageEventBytes;
  const otherFramingBytes = sumBytes(chunked.chunks.map((chunk) => chunk.framingBytes)) - parts.chunkFramingBytes;
  return {
    messages: messages.length,
    messageBytesDown: messageEventBytes + parts.chunkFramingBytes,
    parts,
    compressedMessageBytes: messageEventBytes,
    decodedMessageBytes: messageEventBytes,
    fixedBytesDown: otherEventBytes + otherFramingBytes + chunked.lastChunkBytes + chunked.trailingBytes,
  };
}

/** Field names, ids, envelope and payload of each message event. */
function sumMessageParts(text: Buffer, messages: readonly SseEventBytes[]): MessageByteParts {
  const parts = createEmptyParts();
  for (const event of messages) {
    parts.sseFieldBytes += event.fieldBytes;
    parts.sseIdBytes += event.idBytes;
    const data = event.firstData ?? { start: event.end, end: event.end };
    const envelope = measureTextEnvelope(text, data.start, data.end);
    const payloadOnWireBytes = event.valueBytes - envelope.headerBytes;
    parts.envelopeBytes += envelope.headerBytes;
    parts.payloadOnWireBytes += payloadOnWireBytes;
    parts.payloadBytes += payloadOnWireBytes - (envelope.payloadOnWireBytes - envelope.payloadBytes);
  }
  return parts;
}

/** Framing of every chunk whose data overlaps a message event (events and chunks both in stream order). */
function sumFramingOfMessageChunks(chunks: readonly HttpChunk[], messages: readonly SseEventBytes[]): number {
  let framingBytes = 0;
  let textAt = 0;
  let next = 0;
  for (const chunk of chunks) {
    const chunkEnd = textAt + chunk.dataEnd - chunk.dataStart;
    while (next < messages.length && messages[next]!.end <= textAt) next++;
    if (next < messages.length && messages[next]!.start < chunkEnd) framingBytes += chunk.framingBytes;
    textAt = chunkEnd;
  }
  return framingBytes;
}

const SYNC_FLUSH_MARKER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

function splitGzippedBody(body: Buffer, chunked: ChunkedBody): BodySplit {
  const compressed = joinChunkData(body, chunked.chunks);
  // The stream ends with the gzip trailer; Z_SYNC_FLUSH also lets a cut stream decode what it holds.
  const text = gunzipSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH });
  const messages = parseSseEventBytes(text).filter((event) => event.kind === 'message');
  const groups = groupByFlush(body, chunked.chunks);
  if (groups.length < messages.length + 1) {
    throw new PhaseError(
      'internal',
      `gzip flush groups: ${groups.length}, expected the preamble's and one per message (${messages.length + 1}); was the stream flushed after every event?`,
    );
  }
  const messageChunks = groups.slice(1, messages.length + 1).flat();
  const parts = createEmptyParts();
  parts.chunkFramingBytes = sumBytes(messageChunks.map((chunk) => chunk.framingBytes));
  const compressedMessageBytes = sumBytes(messageChunks.map((chunk) => chunk.dataEnd - chunk.dataStart));
  const messageBytesDown = parts.chunkFramingBytes + compressedMessageBytes;
  const chunkBytes = sumBytes(chunked.chunks.map((chunk) => chunk.framingBytes + chunk.dataEnd - chunk.dataStart));
  return {
    messages: messages.length,
    messageBytesDown,
    parts,
    compressedMessageBytes,
    decodedMessageBytes: sumEventBytes(messages),
    fixedBytesDown: chunkBytes - messageBytesDown + chunked.lastChunkBytes + chunked.trailingBytes,
  };
}

/** Consecutive chunks up to one whose data ends a sync flush; chunks after the last flush are left out. */
function groupByFlush(body: Buffer, chunks: readonly HttpChunk[]): HttpChunk[][] {
  const groups: HttpChunk[][] = [];
  let group: HttpChunk[] = [];
  for (const chunk of chunks) {
    group.push(chunk);
    const tail = body.subarray(Math.max(chunk.dataStart, chunk.dataEnd - SYNC_FLUSH_MARKER.length), chunk.dataEnd);
    if (tail.equals(SYNC_FLUSH_MARKER)) {
      groups.push(group);
      group = [];
    }
  }
  return groups;
}

function sumEventBytes(events: readonly SseEventBytes[]): number {
  return sumBytes(events.map((event) => event.end - event.start));
}

function sumBytes(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}
