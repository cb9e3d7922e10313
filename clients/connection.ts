/**
 * The one shape every transport's client connection has, so the runner drives SSE, WS and TCP the
 * same way (undici's benchmarks do this: each implementation a small adapter behind one shape).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { nowNs } from './clock.js';
import type { MessageSink } from './receiver.js';

/** Mirrors the runner's error categories; a string so clients never import the runner. */
export interface ConnectionError {
  category: string;
  message: string;
}

export interface ConnectionBytes {
  /** Bytes read from / written to the socket since it opened, set-up included (TLS records under TLS). */
  read: number;
  written: number;
  /** Under TLS: the application bytes inside the records, each way (absent in clear). */
  appRead?: number;
  appWritten?: number;
  /** Under TLS: the socket bytes of the TLS handshake each way, up to the handshake's end. */
  tlsHandshakeRead?: number;
  tlsHandshakeWritten?: number;

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
   * every raw byte read from it (listeners added here see the same chunks the protocol parser sees;
   * under TLS, the decrypted ones).
   */
  tapSocket?: (socket: net.Socket) => void;
  /** For https:// and wss:// URLs: what to trust. */
  tls?: ClientTls;
}

/**
 * How a TLS client checks the server: against `caFile` (the run's own certificate), or not at all
 * when `insecure` (the user's `--insecure`, for a self-signed server of theirs). Neither: the
 * system's certificate authorities, as any client.
 */
export interface ClientTls {
  caFile?: string;
  insecure?: boolean;
}

/** A certificate the client refused, in words that name the way out. */
export function describeTlsFailure(err: NodeJS.ErrnoException): ConnectionError | undefined {
  const code = err.code ?? '';
  if (!/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return undefined;
  return {
    category: 'tls',
    message: `${err.message} (${code}); for a server with a self-signed certificate, pass --insecure`,
  };
}

/** Maps a Node socket error to a stable category. */
export function categorise(err: NodeJS.ErrnoException, phase: 'connect' | 'stream'): ConnectionError {
  const tlsFailure = describeTlsFailure(err);
  if (tlsFailure !== undefined) return tlsFailure;
  const code = err.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE') return { category: 'reset', message: err.message };
  if (code === 'ETIMEDOUT') return { category: `timeout:${phase}`, message: err.message };
  if (phase === 'connect' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL')
    return { category: 'connect', message: err.message };
  return { category: 'internal', message: err.message };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One TLS context per trusted certificate file, shared by every connection of the process, as a
 * browser or an HTTPS agent shares one: given `ca` instead, Node builds a new context (parses the
 * PEM, fills a certificate store) for every connection, which a thousand connects pay in CPU.
 */
const secureContexts = new Map<string, tls.SecureContext>();

function secureContextFor(caFile: string): tls.SecureContext {
  let context = secureContexts.get(caFile);
  if (context === undefined) {
    context = tls.createSecureContext({ ca: readFileSync(caFile) });
    secureContexts.set(caFile, context);
  }
  return context;
}

/** TLS options for a client library's own connect (node:https, ws): trust the run's certificate, or skip the check. */
export function tlsConnectOptions(client: ClientTls | undefined): {
  secureContext?: tls.SecureContext;
  rejectUnauthorized?: boolean;
} {
  if (client === undefined) return {};
  return {
    ...(client.caFile !== undefined ? { secureContext: secureContextFor(client.caFile) } : {}),
    rejectUnauthorized: client.insecure !== true,
  };
}

/** Longest a closing TLS connection waits for the server's close_notify before it lets go. */
const TLS_CLOSE_WAIT_MS = 1000;

/**
 * Closing a finished HTTP/1.1 response, Node's client ends the socket and destroys it as soon as its
 * own close_notify is written, dropping the server's close_notify unread: the two ends' byte counts
 * then differ by one alert record. Here it ends and reads on until the server closes (or a second
 * passes), as a TLS shutdown should (RFC 8446 §6.1), so every byte a server writes is read.
 */
function closeGracefully(socket: tls.TLSSocket): void {
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), TLS_CLOSE_WAIT_MS).unref();
  };
}

/** TLS over an open TCP socket, checked as `client` says; SNI only for names (RFC 6066 §3 forbids IP literals). */
export function connectTls(raw: net.Socket, host: string, client: ClientTls, alpn: string[]): tls.TLSSocket {
  const bareHost = host.replace(/^\[|\]$/g, '');
  return tls.connect({
    socket: raw,
    ...(net.isIP(bareHost) === 0 ? { servername: bareHost } : {}),
    ...(client.caFile !== undefined ? { secureContext: secureContextFor(client.caFile) } : {}),
    rejectUnauthorized: client.insecure !== true,
    ALPNProtocols: alpn,
  });
}

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
  /** The socket the protocol reads: the TCP socket, or the TLS socket over it. */
  private socket: net.Socket | undefined;
  /** The TCP socket under TLS: its counters are the bytes on the wire, records and handshake included. */
  private wire: net.Socket | undefined;
  private tlsHandshake: { read: number; written: number } | undefined;

  /**
   * `tapSocket` also sees the socket first thing (see OpenOptions.tapSocket). With `tls`, the
   * connection is TLS over the TCP socket, offering `alpn` (the protocol the transport speaks).
   */
  constructor(
    private readonly tapSocket?: (socket: net.Socket) => void,
    private readonly tls?: { client: ClientTls; alpn: string[] },
  ) {}

  /** A `createConnection` for http(s).request and ws that taps the socket it creates. */
  readonly createConnection = (options: net.NetConnectOpts & { host?: string }): net.Socket => {
    const raw = net.connect(options);
    raw.setNoDelay(true);
    const socket =
      this.tls === undefined ? raw : connectTls(raw, options.host ?? 'localhost', this.tls.client, this.tls.alpn);
    if (socket !== raw) {
      this.wire = raw;
      socket.once('secureConnect', () => (this.tlsHandshake = { read: raw.bytesRead, written: raw.bytesWritten }));
      closeGracefully(socket as tls.TLSSocket);
    }
    this.socket = socket;
    this.tapSocket?.(socket);
    socket.on('data', this.stampArrival);
    socket.on('data', this.onData);
    return socket;
  };

  bytes(): ConnectionBytes {
    const app = { read: this.socket?.bytesRead ?? 0, written: this.socket?.bytesWritten ?? 0 };
    const handshake = { handshakeDown: this.handshakeDown, handshakeUp: this.handshakeUp };
    if (this.wire === undefined) return { ...app, ...handshake };
    const tlsHandshake =
      this.tlsHandshake === undefined
        ? {}
        : { tlsHandshakeRead: this.tlsHandshake.read, tlsHandshakeWritten: this.tlsHandshake.written };
    return {
      read: this.wire.bytesRead,
      written: this.wire.bytesWritten,
      appRead: app.read,
      appWritten: app.written,
      ...tlsHandshake,
      ...handshake,
    };
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
