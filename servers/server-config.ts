/**
 * Configuration shared by the three servers, with the defaults in one place. Every field lands in
 * the results document so a reader can see exactly what was compared.
 */
import type { InjectionOptions } from './fault-injection.js';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from './stream-params.js';

export type TransportName = 'sse' | 'ws' | 'tcp';
export const TRANSPORTS: readonly TransportName[] = ['sse', 'ws', 'tcp'];

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
  /** LLM endpoint defaults: tokens per answer and the delay between them. */
  llmTokens: number;
  llmTokenDelayMs: number;
  inject?: InjectionOptions;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  transport: 'sse',
  host: '127.0.0.1',
  port: 8080,
  defaults: DEFAULT_STREAM_PARAMS,
  writeMode: 'coalesced',
  retryMs: 1000,
  heartbeatMs: 15_000,
  replayCapacity: 10_000,
  maxBatchMessages: 64,
  highWaterBytes: 1024 * 1024,
  idleStopMs: 10_000,
  perMessageDeflate: false,
  llmTokens: 50,
  llmTokenDelayMs: 20,
};

/** Counters every server keeps, reported to the runner for per-message CPU and memory figures. */
export interface ServerCounters {
  connectionsOpen: number;
  connectionsTotal: number;
  messagesDelivered: number;
}

export function createCounters(): ServerCounters {
  return { connectionsOpen: 0, connectionsTotal: 0, messagesDelivered: 0 };
}
