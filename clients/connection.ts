/**
 * The one shape every transport's client connection has, so the runner drives SSE, WS and TCP the
 * same way (undici's benchmarks do this: each implementation a small adapter behind one shape).
 */
import net from 'node:net';
import { nowNs } from './clock.js';
import type { MessageSink } from './receiver.js';

/** Mirrors the runner's error categories; a string so clients never import the runner. */
export interface ConnectionError {
  category: string;
  message: string;
}

export interface ConnectionBytes {
  /** Bytes read from / written to the socket since it opened, set-up included. */
  read: number;
  written: number;
  /** Bytes of the handshake (HTTP request and response headers, WS upgrade) each way. */
  handshakeDown: number;
  handshakeUp: number;
}

export interface Connection {
  /** Resolves when the handshake is complete; rejects with a ConnectionError. */
  readonly opened: Promise<void>;
  /** Resolves when the connection is gone, for whatever reason; never rejects. */
  readonly closed: Promise<ConnectionError | undefined>;
  bytes(): ConnectionBytes;
  close(): void;
}

export interface OpenOptions {
  url: URL;
  sink: MessageSink;
  /** Resume after this sequence (SSE Last-Event-ID, WS/TCP `from`). */
  resumeAfter?: number;
  /** WS only: negotiate permessage-deflate. */
  perMessageDeflate?: boolean;
  /**
   * Called with the socket as soon as it exists, before any byte moves: the wire scenarios record
   * every raw byte read from it (listeners added here see the same chunks the protocol parser sees).
   */
  tapSocket?: (socket: net.Socket) => void;
}

/** Maps a Node socket error to a stable category. */
export function categorise(err: NodeJS.ErrnoException, phase: 'connect' | 'stream'): ConnectionError {
  const code = err.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE') return { category: 'reset', message: err.message };
  if (code === 'ETIMEDOUT') return { category: `timeout:${phase}`, message: err.message };
  if (phase === 'connect' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') return { category: 'connect', message: err.message };
  return { category: 'internal', message: err.message };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Counts the raw bytes of an HTTP response head as they arrive on the socket, before any parser,
 * so handshake bytes are measured rather than reconstructed from parsed headers.
 */
export class HandshakeTap {
  handshakeDown = 0;
  handshakeUp = 0;
  /**
   * When the socket last delivered bytes (nowNs), stamped by the first 'data' listener, before the
   * HTTP parser, the WS frame parser or the SSE parser sees them: the receive time of every message
   * those bytes complete. 0 until the first chunk.
   */
  lastArrivalNs = 0;
  private seen = Buffer.alloc(0);
  private socket: net.Socket | undefined;

  /** `tapSocket` also sees the socket first thing (see OpenOptions.tapSocket). */
  constructor(private readonly tapSocket?: (socket: net.Socket) => void) {}

  /** A `createConnection` for http.request and ws that taps the socket it creates. */
  readonly createConnection = (options: net.NetConnectOpts): net.Socket => {
    const socket = net.connect(options);
    socket.setNoDelay(true);
    this.socket = socket;
    this.tapSocket?.(socket);
    socket.on('data', this.stampArrival);
    socket.on('data', this.onData);
    return socket;
  };

  bytes(): ConnectionBytes {
    return { read: this.socket?.bytesRead ?? 0, written: this.socket?.bytesWritten ?? 0, handshakeDown: this.handshakeDown, handshakeUp: this.handshakeUp };
  }

  private stampArrival = (): void => {
    this.lastArrivalNs = nowNs();
  };

  private onData = (chunk: Buffer): void => {
    const before = this.seen.length;
    this.seen = Buffer.concat([this.seen, chunk]);
    const end = this.seen.indexOf(HEADER_END, Math.max(0, before - 3));
    if (end < 0) return;
    this.handshakeDown = end + HEADER_END.length;
    this.handshakeUp = this.socket?.bytesWritten ?? 0;
    this.seen = Buffer.alloc(0);
    this.socket?.off('data', this.onData);
  };
}
