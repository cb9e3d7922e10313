/**
 * The shape both reconnecting clients share (SSE in reconnecting-sse-client.ts, WS in
 * reconnecting-ws-client.ts), so the fault runner drives them the same way.
 */
import type { ClientTls } from './connection.js';
import type { BackoffPolicy } from './backoff.js';
import type { ConnectionError } from './connection.js';
import type { MessageSink } from './receiver.js';

/** connecting → open → waiting → connecting …, until stopped (for good). */
export type ReconnectState = 'connecting' | 'open' | 'waiting' | 'stopped';

/** What the client reports as it goes; every time is nowNs() when the client noticed. */
export interface ReconnectListener {
  /** An attempt to open the stream starts (the first one included). */
  onAttempt?(atNs: number): void;
  /** The stream is open: handshake complete, status (and for SSE the MIME type) accepted. */
  onOpen?(atNs: number): void;
  /** An attempt failed before the stream opened; the client will try again. */
  onAttemptFailed?(error: ConnectionError, atNs: number): void;
  /** The open stream was lost (error, close, truncation, heartbeat timeout); the client will reconnect. */
  onDrop?(error: ConnectionError, atNs: number): void;
  /** A heartbeat arrived (SSE comment, WS ping). */
  onHeartbeat?(): void;
}

/** How a reconnecting client is set up; the same for both transports. */
export interface ReconnectOptions {
  url: URL;
  /** Receives every message; its lastSeq is the WS client's resume point. */
  sink: MessageSink;
  /** Resume after the last message received (SSE Last-Event-ID, WS ?from=). */
  resume: boolean;
  backoff: BackoffPolicy;
  /** An attempt whose handshake has not completed by then is abandoned and retried. */
  connectTimeoutMs: number;
  /** An open stream with no byte (SSE) or no ping or message (WS) for this long is declared dead; 0 = never. */
  idleTimeoutMs: number;
  listener?: ReconnectListener;
  /** For https:// and wss:// URLs: what to trust. */
  tls?: ClientTls;
}

/** A client that keeps its stream open by itself until closed or told to stop. */
export interface ReconnectingClient {
  readonly state: ReconnectState;
  /**
   * Resolves once the client has stopped for good: close(), the end of a bounded stream (undefined),
   * or a response that forbids reconnecting (the error: SSE 204, non-200, wrong MIME; WS 4xx).
   */
  readonly stopped: Promise<ConnectionError | undefined>;
  close(): void;
}
