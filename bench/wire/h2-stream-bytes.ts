/**
 * Places every byte of an SSE stream over HTTP/2 (claim SSE-6's "HTTP/2 framing"): the frames each
 * way, decrypted (the tap reads inside TLS). Down, the set-up is every frame before the first DATA
 * frame (the server's SETTINGS, the response HEADERS); the event stream is the DATA frames' data,
 * split into events as over HTTP/1.1, with each DATA frame's 9-byte header (and any padding) as its
 * framing; control frames after (PING, GOAWAY, WINDOW_UPDATE) are paid once. Up, the set-up is the
 * connection preface and every frame to the request HEADERS; the client's WINDOW_UPDATEs as data
 * arrives are counted apart: flow control is HTTP/2's own cost of a long stream.
 */
import { PhaseError } from '../phase-error.js';
import type { ChunkedBody, HttpChunk } from './chunked-body.js';
import { H2_CLIENT_PREFACE, H2_FRAME_TYPES, parseH2Frames, type H2Frame } from './h2-frames.js';
import { splitPlainBody } from './sse-stream-bytes.js';
import type { RawConnection, StreamBytes } from './stream-bytes.js';

/** HTTP/2's own figures for one stream. */
export interface H2StreamBytes {
  /** HPACK-compressed header blocks (RFC 7541): the request's and the response's. */
  requestHeaderBlockBytes: number;
  responseHeaderBlockBytes: number;
  /** DATA frames that carried the stream, and how many of them carried message events. */
  dataFrames: number;
  /** WINDOW_UPDATE frames the client sent while the stream ran (flow control). */
  windowUpdateBytesUp: number;
}

const contentBytes = (frame: H2Frame): number => frame.contentEnd - frame.contentStart;
const sumTotal = (frames: readonly H2Frame[]): number => frames.reduce((total, frame) => total + frame.totalBytes, 0);

export function attributeH2SseStream(raw: RawConnection & { up: Buffer }): StreamBytes & { h2: H2StreamBytes } {
  const down = parseH2Frames(raw.down);
  const firstData = down.findIndex((frame) => frame.type === H2_FRAME_TYPES.data);
  if (firstData < 0) throw new PhaseError('protocol:http2', 'no DATA frame: the response carried no event stream');
  const setupDown = down.slice(0, firstData);
  const responseHeaders = setupDown.filter(
    (frame) => frame.type === H2_FRAME_TYPES.headers || frame.type === H2_FRAME_TYPES.continuation,
  );
  const dataFrames = down.filter((frame) => frame.type === H2_FRAME_TYPES.data);
  const controlAfter = down.slice(firstData).filter((frame) => frame.type !== H2_FRAME_TYPES.data);
  const body: ChunkedBody = { chunks: dataFrames.map(asChunk), lastChunkBytes: 0, trailingBytes: 0 };
  const split = splitPlainBody(raw.down, body);

  if (!raw.up.subarray(0, H2_CLIENT_PREFACE.length).equals(H2_CLIENT_PREFACE))
    throw new PhaseError('protocol:http2', 'the client did not open with the HTTP/2 connection preface');
  const up = parseH2Frames(raw.up, H2_CLIENT_PREFACE.length);
  const requestAt = up.findIndex((frame) => frame.type === H2_FRAME_TYPES.headers);
  if (requestAt < 0) throw new PhaseError('protocol:http2', 'no request HEADERS frame up');
  const setupUp = H2_CLIENT_PREFACE.length + sumTotal(up.slice(0, requestAt + 1));
  const windowUpdateBytesUp = sumTotal(
    up.slice(requestAt + 1).filter((frame) => frame.type === H2_FRAME_TYPES.windowUpdate),
  );

  const handshakeBytesDown = sumTotal(setupDown);
  const fixedBytesDown = split.fixedBytesDown + sumTotal(controlAfter);
  return {
    socketBytesDown: raw.socketBytesDown,
    socketBytesUp: raw.socketBytesUp,
    tappedBytesDown: raw.down.length,
    handshakeBytesDown,
    handshakeBytesUp: setupUp,
    messages: split.messages,
    messageBytesDown: split.messageBytesDown,
    parts: split.parts,
    compressed: false,
    compressedMessageBytes: split.compressedMessageBytes,
    decodedMessageBytes: split.decodedMessageBytes,
    acks: 0,
    ackBytesDown: 0,
    fixedBytesDown,
    fixedBytesUp: raw.socketBytesUp - setupUp,
    unattributedBytesDown: raw.socketBytesDown - handshakeBytesDown - split.messageBytesDown - fixedBytesDown,
    negotiated: 'h2',
    h2: {
      requestHeaderBlockBytes: contentBytes(up[requestAt]!),
      responseHeaderBlockBytes: responseHeaders.reduce((total, frame) => total + contentBytes(frame), 0),
      dataFrames: dataFrames.length,
      windowUpdateBytesUp,
    },
  };
}

/** A DATA frame as a piece of the event stream: its data, and the header (and padding) around it. */
function asChunk(frame: H2Frame): HttpChunk {
  return {
    framingBytes: frame.totalBytes - contentBytes(frame),
    dataStart: frame.contentStart,
    dataEnd: frame.contentEnd,
  };
}
