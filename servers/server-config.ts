/**
 * Configuration shared by the three servers, with the defaults in one place. Every field lands in
 * the results document so a reader can see exactly what was compared.
 */
import type { InjectionOptions } from './fault-injection.js';
import type { ScheduleMode } from './precise-wait.js';
import type { TlsFiles } from './tls-files.js';
import type { TransportName } from '../transports/registry.js';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from './stream-params.js';
import { plainTransportOf, SSE_FAMILY } from '../transports/families.js';

export type { TransportName };

/**
 * `coalesced` is each transport's best practice: all messages due at a tick leave in one write per
 * connection (SSE: one `res.write`; WS: frames sent with the socket corked). `per-message` is the
 * naive variant (one write or `ws.send` per message), kept to show what it costs.
 */
export type WriteMode = 'coalesced' | 'per-message';

export interface ServerConfig {
  transport: TransportName;
  host: string;
  port: number;
  defaults: StreamParams;
  writeMode: WriteMode;
  /**
   * How the open-loop publisher waits for each batch's due time: `precise` (a timer, then a futex
   * sleep and a short spin; batches leave within tens of µs of schedule) or `timer` (setTimeout alone,
   * up to ~1 ms late). See precise-wait.ts.
   */
  schedule: ScheduleMode;
  /** SSE `retry:` sent at connect: how long an EventSource waits before reconnecting. */
  retryMs: number;
  /** SSE comment / WS ping interval; 0 disables. WS also terminates a peer that missed a pong. */
  heartbeatMs: number;
  replayCapacity: number;
  maxBatchMessages: number;
  /** A socket whose write buffer holds more than this is congested (closed-loop pacing). */
  highWaterBytes: number;
  idleStopMs: number;
  /** WS permessage-deflate; off by default as in ws itself. */
  perMessageDeflate: boolean;
  /**
   * SSE /stream: gzip the event stream (Content-Encoding: gzip, a sync flush after every write so
   * each event leaves at once) when the request's Accept-Encoding allows it. Absent: sent as is.
   */
  sseContentEncoding?: 'gzip';
  /**
   * SSE: send `X-Accel-Buffering: no`, which tells nginx not to buffer this response even where its
   * proxy_buffering is on (the default). Absent means true; false shows what a default nginx does
   * to a server that does not send it.
   */
  accelBufferingHeader?: boolean;
  /**
   * SSE: the Access-Control-Allow-Origin value ('*' or one origin) sent on every stream and on
   * preflight answers (OPTIONS). Absent (the default) sends no CORS headers, so a browser page on
   * another origin cannot read the stream: its EventSource fails and its fetch() is refused. Off by
   * default because the header costs bytes in every handshake the wire scenarios count.
   */
  corsOrigin?: string;
  /**
   * WS: the Origin header values allowed to open a connection; a handshake from any other origin
   * gets 403. Absent (the default, as in `ws`) accepts every origin: browsers apply no CORS to
   * WebSocket, so this check is the server's only defence against cross-site WebSocket hijacking.
   * A handshake without Origin does not come from a browser page and is accepted.
   */
  allowedOrigins?: string[];
  /** LLM endpoint defaults: tokens per answer and the delay between them. */
  llmTokens: number;
  llmTokenDelayMs: number;
  inject?: InjectionOptions;
  /**
   * Certificate and key for the TLS transports (the runner's run certificate, or the standalone
   * server's own); with `keyLogFile`, session secrets go there for decrypting a capture.
   */
  tls?: TlsFiles;
  /**
   * Origin of the schedule in process.hrtime ns (one clock for every process on a host). Set, the
   * stream outlives the server process: a restarted server given the same origin continues the same
   * sequence and regenerates into its replay buffer what fell due while it was down, as a durable
   * event log lets a real server do (the fault scenarios' kill-restart). Unset (the default), the
   * schedule starts at the first subscribe.
   */
  streamEpochNs?: number;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  transport: plainTransportOf(SSE_FAMILY),
  host: '127.0.0.1',
  port: 8080,
  defaults: DEFAULT_STREAM_PARAMS,
  writeMode: 'coalesced',
  schedule: 'precise',
  retryMs: 1000,
  heartbeatMs: 15_000,
  replayCapacity: 10_000,
  maxBatchMessages: 64,
  highWaterBytes: 1024 * 1024,
  idleStopMs: 10_000,
  perMessageDeflate: false,
  accelBufferingHeader: true,
  llmTokens: 50,
  llmTokenDelayMs: 20,
};

/** Counters every server keeps, reported to the runner for per-message CPU and memory figures. */
export interface ServerCounters {
  connectionsOpen: number;
  connectionsTotal: number;
  messagesDelivered: number;
  /** Client→server messages received and checked on the upstream endpoints. */
  upstreamReceived: number;
}

export function createCounters(): ServerCounters {
  return { connectionsOpen: 0, connectionsTotal: 0, messagesDelivered: 0, upstreamReceived: 0 };
}
