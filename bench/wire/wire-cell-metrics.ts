/**
 * From a probe's result and the server's samples to named metrics (see wire-metrics.ts). Per-message
 * figures are stream totals divided by the message count, so they are exact averages of counted
 * bytes, never estimates from payload lengths.
 */
import type { TransportFamily } from '../../transports/transport.js';
import type { StreamBytes } from './stream-bytes.js';
import type { StreamProbeResult, TlsBytes } from './stream-probe.js';
import type { UpstreamProbeResult } from './upstream-probe.js';
import { SSE_FAMILY } from '../../transports/families.js';

/** What the server's samples before and after the job add. */
export interface ServerSide {
  /** Server CPU between the two samples. */
  cpuUs: number;
  /** |server read − client wrote| + |server wrote − client read|, over every connection. */
  socketMismatchBytes: number;
}

/** How the stream was asked for. */
export interface StreamShape {
  family: TransportFamily;
  payloadBytes: number;
  /** A scheduled rate (not closed loop), so one-way latency means something. */
  paced: boolean;
}

/** Metrics of one bounded stream. */
export function describeStream(
  result: StreamProbeResult,
  shape: StreamShape,
  server: ServerSide,
): Record<string, number> {
  const { bytes } = result;
  const { payloadBytes } = shape;
  const perMessage = (total: number): number => total / bytes.messages;
  // Under TLS the parts below are the application's bytes; the records around them are on the wire too.
  const wireBytes = perMessage(bytes.messageBytesDown + (result.tls?.recordBytesDown ?? 0));
  const metrics: Record<string, number> = {
    wire_bytes_down_per_msg: wireBytes,
    ...(result.tls ? describeTls(result.tls, perMessage(bytes.messageBytesDown), bytes.messages) : {}),
    overhead_bytes_down_per_msg: wireBytes - payloadBytes,
    efficiency_pct: (100 * payloadBytes) / wireBytes,
    handshake_bytes_down: bytes.handshakeBytesDown,
    handshake_bytes_up: bytes.handshakeBytesUp,
    unattributed_bytes_down: bytes.unattributedBytesDown,
    socket_count_mismatch_bytes: server.socketMismatchBytes,
    messages_received: result.integrity.received,
    throughput_msgs_per_sec: bytes.messages / (result.streamMs / 1000),
    client_cpu_us_per_msg: perMessage(result.clientCpuUs),
    server_cpu_us_per_msg: perMessage(server.cpuUs),
    ...describeIntegrity(result),
    ...(bytes.compressed ? describeCompression(bytes) : describeParts(bytes, shape.family)),
  };
  // Closed loop, a message waits behind every one before it: only a paced stream has a latency.
  return shape.paced ? { ...metrics, ...result.latencyMetrics } : metrics;
}

function describeIntegrity(result: StreamProbeResult): Record<string, number> {
  const { lost, duplicated, reordered, corrupted } = result.integrity;
  return { lost_count: lost, duplicated_count: duplicated, reordered_count: reordered, corrupted_count: corrupted };
}

/** The split of an uncompressed stream, each part per message, and what a stream pays once. */
/**
 * TLS: the application's bytes per message inside the records, what the records add per message
 * (5-byte header, AEAD tag and content type per record, session tickets amortised), and the handshake.
 */
function describeTls(tls: TlsBytes, appBytesPerMsg: number, messages: number): Record<string, number> {
  return {
    app_bytes_down_per_msg: appBytesPerMsg,
    tls_record_bytes_down_per_msg: tls.recordBytesDown / messages,
    tls_handshake_bytes_down: tls.handshakeBytesDown,
    tls_handshake_bytes_up: tls.handshakeBytesUp,
  };
}

function describeParts(bytes: StreamBytes, family: TransportFamily): Record<string, number> {
  const { parts } = bytes;
  const perMessage = (total: number): number => total / bytes.messages;
  const isSse = family === SSE_FAMILY;
  const framing = parts.sseFieldBytes + parts.sseIdBytes + parts.chunkFramingBytes + parts.wsHeaderBytes;
  // Over HTTP/2 the pieces around the events are DATA frames, not chunks.
  const pieceFraming = bytes.h2
    ? describeH2(bytes.h2, perMessage(parts.chunkFramingBytes))
    : { chunk_framing_bytes_per_msg: perMessage(parts.chunkFramingBytes) };
  return {
    framing_bytes_down_per_msg: perMessage(framing),
    ...(isSse
      ? {
          sse_field_bytes_per_msg: perMessage(parts.sseFieldBytes),
          sse_id_bytes_per_msg: perMessage(parts.sseIdBytes),
          ...pieceFraming,
        }
      : { ws_header_bytes_per_msg: perMessage(parts.wsHeaderBytes) }),
    envelope_bytes_per_msg: perMessage(parts.envelopeBytes),
    payload_on_wire_bytes_per_msg: perMessage(parts.payloadOnWireBytes),
    base64_expansion_bytes_per_msg: perMessage(parts.payloadOnWireBytes - parts.payloadBytes),
    stream_fixed_bytes_down: bytes.fixedBytesDown,
    stream_fixed_bytes_up: bytes.fixedBytesUp,
  };
}

/** HTTP/2: DATA frame headers per message, the HPACK header blocks each way, flow control up. */
function describeH2(h2: NonNullable<StreamBytes['h2']>, dataFrameBytesPerMsg: number): Record<string, number> {
  return {
    h2_data_frame_bytes_per_msg: dataFrameBytesPerMsg,
    h2_request_header_block_bytes: h2.requestHeaderBlockBytes,
    h2_response_header_block_bytes: h2.responseHeaderBlockBytes,
    h2_window_update_bytes_up: h2.windowUpdateBytesUp,
  };
}

/** Compressed, the parts are inside the compressor: what it achieved is the figure. */
function describeCompression(bytes: StreamBytes): Record<string, number> {
  return { compression_ratio: bytes.decodedMessageBytes / bytes.compressedMessageBytes };
}

/** Metrics of an upstream run: bytes per message each way, round trip, rate, CPU. */
export function describeUpstream(result: UpstreamProbeResult, server: ServerSide): Record<string, number> {
  const perMessage = (total: number): number => total / result.messages;
  const bytesUp = perMessage(result.upstreamBytesUp);
  return {
    wire_bytes_up_per_msg: bytesUp,
    overhead_bytes_up_per_msg: bytesUp - result.bodyBytes,
    ack_bytes_down_per_msg: perMessage(result.ackBytesDown),
    upstream_body_bytes: result.bodyBytes,
    throughput_msgs_per_sec: result.messages / (result.durationMs / 1000),
    client_cpu_us_per_msg: perMessage(result.clientCpuUs),
    server_cpu_us_per_msg: perMessage(server.cpuUs),
    downstream_msgs_per_sec: result.downstreamMessages / (result.durationMs / 1000),
    socket_count_mismatch_bytes: server.socketMismatchBytes,
    ...result.latencyMetrics,
  };
}
