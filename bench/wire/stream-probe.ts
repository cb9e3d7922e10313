/**
 * One bounded stream, received the way an application receives it (clients/: node:http +
 * eventsource-parser for SSE, `ws` for WebSocket; decode, integrity and latency in the receiver),
 * with every raw byte tapped. Once the end marker is in and the socket has closed, the raw bytes
 * are parsed into a StreamBytes split; parsing happens after the CPU figure is taken, so the
 * harness's accounting does not count as the client's work.
 */
import type { MessageSink } from '../../clients/receiver.js';
import { createReceiver } from '../../clients/receiver.js';
import { addPercentiles } from '../../clients/summarise.js';
import { encodeHistogram, Recorder } from '../../clients/recorder.js';
import type { IntegrityCounts } from '../../clients/sequence-tracker.js';
import type { ClientTls, Connection, ConnectionError } from '../../clients/connection.js';
import type { SseOpenOptions } from '../../clients/sse-connection.js';
import { transportNamed, type TransportName } from '../../transports/registry.js';
import { PhaseError } from '../phase-error.js';
import type { ErrorCategory } from '../results.js';
import { waitForClose } from './loopback-server.js';
import { createRawTap, type RawTap } from './raw-tap.js';
import { attributeSseStream } from './sse-stream-bytes.js';
import { attributeH2SseStream } from './h2-stream-bytes.js';
import type { StreamBytes } from './stream-bytes.js';
import { attributeWsStream } from './ws-stream-bytes.js';
import { SSE_FAMILY } from '../../transports/families.js';

/** How a stream's messages are compressed: not at all, SSE gzip, or WS permessage-deflate. */
export type WireCompression = 'none' | 'gzip' | 'deflate';

/** What to receive. */
export interface StreamProbeJob {
  transport: TransportName;
  /** A TLS transport's client trusts this (the run's certificate). */
  tls?: ClientTls;
  /** The stream URL with its query (`count` = `messages`, so the server ends the stream). */
  url: string;
  /** Messages the stream carries before its end marker. */
  messages: number;
  compression: WireCompression;
  /** Parse JSON payloads, as an application would. */
  parseJson: boolean;
  /** Keep every message as the client's parser delivered it (the wire check's known answers); off when measuring. */
  keepMessages?: boolean;
}

/** A message as the transport's own parser (eventsource-parser, ws) handed it over. */
export type ReceivedMessage = { text: string } | { binaryBytes: number };

/** What one stream cost the client, and where its bytes went. */
export interface StreamProbeResult {
  bytes: StreamBytes;
  clientPort: number;
  /** Client CPU from connecting to the end marker. */
  clientCpuUs: number;
  /** From connecting to the end marker. */
  streamMs: number;
  integrity: IntegrityCounts;
  /** `latency_us`, HDR-encoded. */
  histograms: Record<string, string>;
  /** latency_p50_us … from the receiver (one-way, from each message's scheduled time). */
  latencyMetrics: Record<string, number>;
  /** With `keepMessages`: every message, in order. */
  received?: ReceivedMessage[];
  /** Under TLS: what the records cost beyond the bytes above, which are the application's inside them. */
  tls?: TlsBytes;
}

/** A TLS connection's socket bytes beside its application bytes. */
export interface TlsBytes {
  /** The TCP socket's counts, each way: what the server's socket counts too. */
  wireBytesDown: number;
  wireBytesUp: number;
  /** The handshake, up to its end (certificate included). */
  handshakeBytesDown: number;
  handshakeBytesUp: number;
  /** After the handshake: record headers, tags, session tickets and alerts around the application bytes. */
  recordBytesDown: number;
  recordBytesUp: number;
}

/** Receives one bounded stream to its end, then splits its bytes. */
export async function runStreamProbe(job: StreamProbeJob): Promise<StreamProbeResult> {
  const tap = createRawTap();
  const recorder = new Recorder();
  const received: ReceivedMessage[] = [];
  const ending = createEndingSink(
    createReceiver(recorder, { parseJson: job.parseJson }),
    job.keepMessages ? received : undefined,
  );
  recorder.startMeasuring();
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  const connection = await openProbeConnection(job, ending.sink, tap);
  await connection.opened.catch(rethrowConnectionError);
  await Promise.race([ending.seen, connection.closed.then(failIfClosedEarly)]);
  const cpu = process.cpuUsage(cpuStart);
  const streamMs = performance.now() - startedAt;
  recorder.stopMeasuring();
  await connection.closed;
  await waitForClose(tap.socket());
  const bytes = await splitBytes(job, tap, connection);
  checkMessageCounts(job, bytes, recorder.integrity);
  const latencyMetrics: Record<string, number> = {};
  const latency = recorder.histogram('latency_us');
  addPercentiles(latencyMetrics, 'latency', latency);
  const tls = describeTls(connection);
  const result = {
    bytes,
    clientPort: tap.clientPort(),
    clientCpuUs: cpu.user + cpu.system,
    streamMs,
    integrity: { ...recorder.integrity },
    histograms: { latency_us: encodeHistogram(latency) },
    latencyMetrics,
    ...(tls ? { tls } : {}),
  };
  return job.keepMessages ? { ...result, received } : result;
}

/** Under TLS, the socket's bytes less the handshake and the application's bytes: what the records added. */
function describeTls(connection: Connection): TlsBytes | undefined {
  const b = connection.bytes();
  if (b.appRead === undefined || b.appWritten === undefined) return undefined;
  const handshakeDown = b.tlsHandshakeRead ?? 0;
  const handshakeUp = b.tlsHandshakeWritten ?? 0;
  return {
    wireBytesDown: b.read,
    wireBytesUp: b.written,
    handshakeBytesDown: handshakeDown,
    handshakeBytesUp: handshakeUp,
    recordBytesDown: b.read - handshakeDown - b.appRead,
    recordBytesUp: b.written - handshakeUp - b.appWritten,
  };
}

/** A sink that also tells when the end marker came, and keeps the messages when given a list. */
function createEndingSink(
  receiver: MessageSink,
  keep: ReceivedMessage[] | undefined,
): { sink: MessageSink; seen: Promise<void> } {
  let resolve: () => void = () => undefined;
  const seen = new Promise<void>((settle) => (resolve = settle));
  const sink: MessageSink = {
    onText(text, receivedNs) {
      keep?.push({ text });
      receiver.onText(text, receivedNs);
    },
    onBinary(frame, receivedNs) {
      keep?.push({ binaryBytes: frame.length });
      receiver.onBinary(frame, receivedNs);
    },
    onEnd(lastSeq) {
      receiver.onEnd(lastSeq);
      resolve();
    },
    get lastSeq() {
      return receiver.lastSeq;
    },
  };
  return { sink, seen };
}

async function openProbeConnection(job: StreamProbeJob, sink: MessageSink, tap: RawTap): Promise<Connection> {
  const open = await transportNamed(job.transport).loadClient();
  const options: SseOpenOptions = {
    url: new URL(job.url),
    sink,
    tapSocket: tap.tapSocket,
    acceptGzip: job.compression === 'gzip',
    perMessageDeflate: job.compression === 'deflate',
    ...(job.tls ? { tls: job.tls } : {}),
  };
  return open(options);
}

function rethrowConnectionError(error: ConnectionError): never {
  throw new PhaseError(error.category as ErrorCategory, error.message);
}

/** The connection closed before the end marker: with or without an error, the stream is incomplete. */
function failIfClosedEarly(error: ConnectionError | undefined): never {
  if (error !== undefined) rethrowConnectionError(error);
  throw new PhaseError('reset', 'the stream closed before its end marker');
}

/** The client wrote its request (or upgrade request) before the response head came, then at most a close frame. */
async function splitBytes(job: StreamProbeJob, tap: RawTap, connection: Connection): Promise<StreamBytes> {
  const socket = tap.socket();
  const raw = {
    down: tap.downBytes(),
    socketBytesDown: socket.bytesRead,
    socketBytesUp: socket.bytesWritten,
    handshakeBytesUp: connection.bytes().handshakeUp,
    upstreamBytesUp: 0,
  };
  const transport = transportNamed(job.transport);
  const bytes = transport.capabilities.multiplexed
    ? attributeH2SseStream({ ...raw, up: tap.upBytes() })
    : transport.family === SSE_FAMILY
      ? attributeSseStream(raw)
      : await attributeWsStream(raw);
  if (job.compression !== 'none' && !bytes.compressed)
    throw new PhaseError(
      'config',
      `asked for ${job.compression}, but the server sent the stream uncompressed (negotiated: ${bytes.negotiated})`,
    );
  return bytes;
}

/** The wire, the receiver and the job must agree on how many messages there were. */
function checkMessageCounts(job: StreamProbeJob, bytes: StreamBytes, integrity: IntegrityCounts): void {
  if (bytes.messages !== job.messages || integrity.received !== job.messages) {
    throw new PhaseError(
      'integrity',
      `expected ${job.messages} messages; the wire carried ${bytes.messages}, the receiver got ${integrity.received}`,
    );
  }
}
