/**
 * What the runner asks of a client process and what it gets back, over IPC. The client process
 * measures; the runner only schedules, watches deadlines and stores.
 */
import type { ClientTls } from './connection.js';
import type { OutageRecord } from './outage-log.js';
import type { TimelinePointUs } from './recorder.js';

import type { WS_FAMILY } from '../transports/families.js';
import type { TransportName } from '../transports/registry.js';

export type ClientTransport = TransportName;

export interface LlmClientConfig {
  /** How a prompt travels: SSE by GET (query) or POST (JSON body, as fetch-event-source does), or a WS message. */
  method: 'sse-get' | 'sse-post' | typeof WS_FAMILY;
  tokens: number;
  tokenDelayMs: number;
  prompt: string;
}

/** Reconnect mode (the fault scenarios): N connections that reconnect by themselves; see run-reconnect-clients.ts. */
export interface ReconnectClientConfig {
  /** Resume after the last message (SSE Last-Event-ID, WS ?from=); without it a reconnect starts at the live edge. */
  resume: boolean;
  /** Wait after a drop before the first attempt; SSE's `retry:` replaces it once received. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** An attempt whose handshake has not completed by then is abandoned and retried. */
  connectTimeoutMs: number;
  /** An open stream silent for this long (no byte, ping or message) is declared dead; 0 = never. */
  idleTimeoutMs: number;
  /** The connecting phase fails with timeout:connecting unless every connection has opened once by then. */
  openDeadlineMs: number;
}

/** What a reconnect-mode run hands back besides its metrics: each connection's outages. */
export interface ReconnectReport {
  windowStartNs: number;
  windowEndNs: number;
  /** One list per connection, in connection order. */
  outages: OutageRecord[][];
  /** Width of the buckets of the result's timeline. */
  timelineBucketMs: number;
}

export interface ClientRunConfig {
  transport: ClientTransport;
  /** The stream URL, query included (the server's own, or the user's --target). */
  url: string;
  connections: number;
  /** Connections opened at once; a thousand simultaneous handshakes measure the accept queue instead. */
  connectConcurrency: number;
  /**
   * Added to every receive time (ns), to read it on the server host's monotonic clock when this
   * process runs on another host (a distributed shard; bench/distributed/clock.ts). Absent: 0.
   */
  clockCorrectionNs?: number;
  /** Paces the opening of connections to this many a second (a stated ramp); absent, as fast as concurrency allows. */
  connectRatePerSec?: number;
  /** Sample this process's memory before and after connecting: client memory per connection. */
  measureMemory?: boolean;
  /**
   * Open every connection, report `ready`, and wait for the runner's `start` before the warm-up:
   * several client processes (or shards on other machines) then measure the same window.
   */
  startGate?: boolean;
  warmupMs: number;
  durationMs: number;
  /** `bare` only counts messages: the baseline for the harness-overhead ratio. */
  mode: 'full' | 'bare';
  perMessageDeflate: boolean;
  /** For TLS transports: the certificate to trust, or none checked (--insecure). */
  tls?: ClientTls;
  /** End the measured window early once every stream has sent its end marker (bounded streams). */
  untilEnd: boolean;
  llm?: LlmClientConfig;
  /** The chat scenario: every connection is a member posting at this rate and receiving everyone's. */
  chat?: { ratePerSecPerMember: number; payloadBytes: number };
  reconnect?: ReconnectClientConfig;
}

export type ClientPhase = 'connecting' | 'warmup' | 'measuring' | 'closing';

export interface ClientRunResult {
  metrics: Record<string, number>;
  histograms: Record<string, string>;
  timeline: TimelinePointUs[];
  errorCounts: Record<string, number>;
  warnings: string[];
  /** Present in reconnect mode. */
  reconnect?: ReconnectReport;
}

export type RunnerToClient = { type: 'run'; config: ClientRunConfig } | { type: 'start' } | { type: 'stop' };
export type ClientToRunner =
  | { type: 'phase'; phase: ClientPhase }
  /** With `startGate`: every connection is open; the process waits for `start`. */
  | { type: 'ready' }
  | { type: 'result'; result: ClientRunResult }
  | { type: 'failed'; category: string; message: string };
