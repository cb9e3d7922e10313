/**
 * One measured connection's socket: opened by us (not by an agent) so that every byte is counted
 * at the TCP socket, TLS records included, and each set-up step is timed: TCP connect, TLS
 * handshake. For https and wss the TLS session runs over our own TCP socket, whose counters then
 * see the encrypted bytes, exactly what crossed the network.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { nowNs } from '../../clients/clock.js';
import { isReservedInvalidName } from './stream-errors.js';

export interface SocketTimings {
  /** When the request started (before DNS), on the process.hrtime clock in ns. */
  startNs: number;
  tcpConnectedNs?: number;
  tlsConnectedNs?: number;
}

export interface SocketCounts {
  /** TCP payload bytes read / written, TLS records and handshake included. */
  read: number;
  written: number;
  /** Bytes each way until the end of the HTTP response head (TLS handshake included; 0 before it). */
  handshakeDown: number;
  handshakeUp: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

const lookupWithReservedNames: net.LookupFunction = (hostname, options, callback) => {
  if (isReservedInvalidName(hostname)) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    process.nextTick(() => (callback as (e: Error) => void)(error));
    return;
  }
  dns.lookup(hostname, options, callback as never);
};

export class SocketMeter {
  readonly timings: SocketTimings;
  private raw: net.Socket | undefined;
  private top: net.Socket | undefined;
  private handshakeDown = 0;
  private handshakeUp = 0;
  /** Raw bytes read when TLS finished: the handshake's share of the response head's bytes. */
  private tlsBytesDown = 0;
  /** Response head bytes seen so far, until its blank line. */
  private head = Buffer.alloc(0);
  private readonly dataListeners: (() => void)[] = [];

  constructor(
    private readonly url: URL,
    private readonly insecure: boolean,
    startNs = nowNs(),
  ) {
    this.timings = { startNs };
  }

  /** A `createConnection` for http(s).request and ws: a tapped TCP socket, wrapped in TLS if needed. */
  readonly createConnection = (): net.Socket => {
    const secure = this.url.protocol === 'https:' || this.url.protocol === 'wss:';
    const port = Number(this.url.port || (secure ? 443 : 80));
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    const raw = net.connect({ host, port, lookup: lookupWithReservedNames });
    raw.setNoDelay(true);
    this.raw = raw;
    raw.once('connect', () => (this.timings.tcpConnectedNs = nowNs()));
    if (!secure) return this.watch(raw);
    const servername = net.isIP(host) === 0 ? host : undefined;
    const socket = tls.connect({
      socket: raw,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: !this.insecure,
      ALPNProtocols: ['http/1.1'],
    });
    socket.once('secureConnect', () => {
      this.timings.tlsConnectedNs = nowNs();
      this.tlsBytesDown = raw.bytesRead;
    });
    // An error on the TCP socket under TLS must reach the request as the TLS socket's error.
    raw.once('error', (error) => socket.destroy(error));
    return this.watch(socket);
  };

  /** Closes the socket for good: a request torn down before its response may not close it itself. */
  destroy(): void {
    this.top?.destroy();
    this.raw?.destroy();
  }

  counts(): SocketCounts {
    return {
      read: this.raw?.bytesRead ?? 0,
      written: this.raw?.bytesWritten ?? 0,
      handshakeDown: this.handshakeDown,
      handshakeUp: this.handshakeUp,
    };
  }

  /**
   * Calls `listener` on every chunk the protocol reads (decrypted under TLS): the idle timer's feed.
   * Attached when the socket is created, never later: a 'data' listener added to a paused socket
   * (as ws leaves it during the upgrade) would resume it and take chunks the protocol never sees.
   */
  onData(listener: () => void): void {
    this.dataListeners.push(listener);
  }

  /** Finds the response head's end in the bytes as they arrive, before any parser sees them. */
  private watch(socket: net.Socket): net.Socket {
    this.top = socket;
    const onHead = (chunk: Buffer): void => {
      const before = this.head.length;
      this.head = Buffer.concat([this.head, chunk]);
      const end = this.head.indexOf(HEAD_END, Math.max(0, before - 3));
      if (end < 0) return;
      this.handshakeDown = this.tlsBytesDown + end + HEAD_END.length;
      this.handshakeUp = this.raw?.bytesWritten ?? 0;
      this.head = Buffer.alloc(0);
      socket.off('data', onHead);
    };
    socket.on('data', onHead);
    socket.on('data', () => this.dataListeners.forEach((listener) => listener()));
    return socket;
  }
}
