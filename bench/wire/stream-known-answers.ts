/**
 * What a bounded stream from the real servers must cost on the wire, worked out from the
 * specifications (frame-sizes.ts) and the messages as the transport's own parser delivered them
 * (eventsource-parser, ws), set beside what the raw-byte accounting measured. The two sides share
 * no code: a parser bug or a miscount shows as a mismatch.
 */
import { BINARY_HEADER_BYTES, decodeText, encodeEndText, END_EVENT } from '../../servers/envelope.js';
import { DEFAULT_SERVER_CONFIG } from '../../servers/server-config.js';
import type { SocketBytesTotal } from '../../servers/socket-tally.js';
import {
  base64Bytes,
  CHUNKED_TERMINATOR_BYTES,
  chunkedFramingBytes,
  sseEventBytes,
  wsFrameBytes,
} from './frame-sizes.js';
import { sumBytes, type KnownAnswer } from './sample-exchange.js';
import type { ReceivedMessage, StreamProbeResult } from './stream-probe.js';
import { SSE_FAMILY, type ComparedFamily } from '../../transports/families.js';

/** The WS server ends a bounded stream with close code 1000 and this reason (servers/ws-server.ts). */
const WS_END_CLOSE_REASON = 'end of stream';
/** A close frame's payload: the 2-byte status code, then the reason (RFC 6455 §5.5.1). */
const CLOSE_CODE_BYTES = 2;

/** How the stream was asked for. */
export interface StreamSampleShape {
  /** Which specification sizes the stream: the SSE family's (event stream, chunking) or the WS family's (frames). */
  family: ComparedFamily;
  binary: boolean;
  payloadBytes: number;
}

/** The known answers of one stream, measured by `result`, with the server's own socket counts. */
export function answerStream(
  shape: StreamSampleShape,
  result: StreamProbeResult,
  server: SocketBytesTotal,
): KnownAnswer[] {
  const received = result.received ?? [];
  const answers = result.bytes.h2
    ? answerH2Sse(result, received)
    : shape.family === SSE_FAMILY
      ? answerSse(shape, result, received)
      : answerWs(shape, result, received);
  // Under TLS the server counts its TCP socket: the records, not the application bytes inside.
  const clientDown = result.tls?.wireBytesDown ?? result.bytes.socketBytesDown;
  const clientUp = result.tls?.wireBytesUp ?? result.bytes.socketBytesUp;
  return [
    ...answers,
    {
      name: 'every byte read is placed (unattributed = 0)',
      expectedBytes: 0,
      measuredBytes: result.bytes.unattributedBytesDown,
    },
    { name: 'server wrote = client read', expectedBytes: clientDown, measuredBytes: server.bytesWritten },
    { name: 'server read = client wrote', expectedBytes: clientUp, measuredBytes: server.bytesRead },
  ];
}

/** Over HTTP/2 the events are the same as over HTTP/1.1; only the frames around them differ. */
function answerH2Sse(result: StreamProbeResult, received: readonly ReceivedMessage[]): KnownAnswer[] {
  const events = received.map((message) =>
    'text' in message
      ? sseEventBytes({ id: String(decodeText(message.text).seq), dataLines: [message.text], lineEnding: '\n' })
      : 0,
  );
  const dataFrames = result.bytes.h2?.dataFrames ?? 0;
  return [
    {
      name: 'events = Σ (id: + data:) (WHATWG SSE), DATA frame headers apart',
      expectedBytes: sumBytes(events),
      measuredBytes: result.bytes.messageBytesDown - result.bytes.parts.chunkFramingBytes,
    },
    {
      name: 'DATA framing ≤ 9 B × DATA frames (RFC 9113 §6.1)',
      expectedBytes: 0,
      measuredBytes: Math.max(0, result.bytes.parts.chunkFramingBytes - 9 * dataFrames),
    },
  ];
}

function answerSse(
  shape: StreamSampleShape,
  result: StreamProbeResult,
  received: readonly ReceivedMessage[],
): KnownAnswer[] {
  const eventBytes = (shapeOf: Parameters<typeof sseEventBytes>[0]): number =>
    chunkedFramingBytes(sseEventBytes(shapeOf));
  const messages = received.map((message) =>
    'text' in message
      ? eventBytes({ id: String(decodeText(message.text).seq), dataLines: [message.text], lineEnding: '\n' })
      : 0,
  );
  const retry = eventBytes({ retry: DEFAULT_SERVER_CONFIG.retryMs, dataLines: [], lineEnding: '\n' });
  const end = eventBytes({ event: END_EVENT, dataLines: [String(received.length)], lineEnding: '\n' });
  const answers: KnownAnswer[] = [
    {
      name: 'messages = Σ chunk(event id: + data:) (WHATWG SSE, RFC 9112 §7.1)',
      expectedBytes: sumBytes(messages),
      measuredBytes: result.bytes.messageBytesDown,
    },
    {
      name: 'once per stream = chunk(retry:) + chunk(end event) + last-chunk',
      expectedBytes: retry + end + CHUNKED_TERMINATOR_BYTES,
      measuredBytes: result.bytes.fixedBytesDown,
    },
  ];
  if (shape.binary)
    answers.push({
      name: 'payload on wire = base64 of each payload (RFC 4648 §4)',
      expectedBytes: received.length * base64Bytes(shape.payloadBytes),
      measuredBytes: result.bytes.parts.payloadOnWireBytes,
    });
  return answers;
}

function answerWs(
  shape: StreamSampleShape,
  result: StreamProbeResult,
  received: readonly ReceivedMessage[],
): KnownAnswer[] {
  const payloadBytes = (message: ReceivedMessage): number =>
    'text' in message ? Buffer.byteLength(message.text) : message.binaryBytes;
  const frames = received.map((message) => wsFrameBytes(payloadBytes(message), { masked: false }));
  const closePayloadBytes = CLOSE_CODE_BYTES + Buffer.byteLength(WS_END_CLOSE_REASON);
  const endMarker = wsFrameBytes(Buffer.byteLength(encodeEndText(received.length)), { masked: false });
  const answers: KnownAnswer[] = [
    {
      name: 'messages = Σ wsFrameBytes(unmasked) (RFC 6455 §5.2)',
      expectedBytes: sumBytes(frames),
      measuredBytes: result.bytes.messageBytesDown,
    },
    {
      name: 'once per stream down = !end frame + close frame',
      expectedBytes: endMarker + wsFrameBytes(closePayloadBytes, { masked: false }),
      measuredBytes: result.bytes.fixedBytesDown,
    },
    {
      name: 'once per stream up = the close frame echoed, masked',
      expectedBytes: wsFrameBytes(closePayloadBytes, { masked: true }),
      measuredBytes: result.bytes.fixedBytesUp,
    },
  ];
  if (shape.binary) {
    answers.push({
      name: `binary envelope = ${BINARY_HEADER_BYTES}-byte header per message`,
      expectedBytes: received.length * BINARY_HEADER_BYTES,
      measuredBytes: result.bytes.parts.envelopeBytes,
    });
    answers.push({
      name: 'payload on wire = the raw payload (no base64)',
      expectedBytes: received.length * shape.payloadBytes,
      measuredBytes: result.bytes.parts.payloadOnWireBytes,
    });
  }
  return answers;
}
