/**
 * A transport is one unit: what it is called, which family it belongs to for the claims, what it
 * can do, how its server is started and how a client connects. Everything else asks a transport
 * (through the registry) instead of comparing its name with a string: adding one touches its own
 * file here and one line of the registry.
 */
import type { Connection, OpenOptions } from '../clients/connection.js';
import type { RunningServer } from '../servers/http-util.js';
import type { ServerConfig } from '../servers/server-config.js';

export type StartServer = (config: ServerConfig) => Promise<RunningServer>;
export type OpenConnection = (options: OpenOptions) => Connection;

/**
 * The side of the article's comparison a transport stands on: SSE-like (an HTTP response streamed
 * to the client), WS-like (a full-duplex framed socket) or the plain-TCP floor under both.
 */
export type TransportFamily = 'sse' | 'ws' | 'tcp';

export interface TransportCapabilities {
  /** The client can send on the open stream itself (WS frames), not by a request of its own. */
  duplex: boolean;
  /** Binary payloads travel as bytes, not as base64 text. */
  binaryFrames: boolean;
  /** How a reconnecting client resumes: SSE's Last-Event-ID header or a `?from=` sequence. */
  resume: 'last-event-id' | 'from-query';
  /** Many streams share one connection (HTTP/2): no per-origin connection limit applies. */
  multiplexed: boolean;
  /** Encrypted with TLS; the client must trust the server's certificate (or be told not to check). */
  tls: boolean;
}

export interface Transport {
  /** The name used on the command line, in cell ids and in results: `sse`, `ws-tls`, `sse-h2` … */
  readonly name: string;
  readonly family: TransportFamily;
  /** How tables and chart legends name it: `SSE`, `SSE (HTTP/2)`, `WebSocket (TLS)` … */
  readonly label: string;
  /** The layer under the family, for labels: `HTTP/1.1`, `HTTP/1.1 + TLS`, `HTTP/2 + TLS`, `TCP`. */
  readonly layer: string;
  readonly description: string;
  /** The URL scheme of its endpoints; `--target` maps a URL to a transport by it. */
  readonly scheme: 'http:' | 'https:' | 'ws:' | 'wss:' | 'tcp:';
  readonly capabilities: TransportCapabilities;
  /** Measured when the user names no transports (`--transports`); the others are opt-in. */
  readonly inDefaultSelection: boolean;
  /**
   * The server and client code, loaded on demand: a descriptor is data, so the report and the CLI
   * read it without loading a server or a client, and a server process never loads client code.
   */
  loadServer(): Promise<StartServer>;
  loadClient(): Promise<OpenConnection>;
}
