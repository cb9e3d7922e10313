/**
 * An SSE client connection over HTTP/2 (node:http2 plus eventsource-parser): every connection of a
 * client process to one origin is a stream on one shared session, as a browser multiplexes
 * EventSources over one HTTP/2 connection — so no six-connections-per-origin limit applies. The
 * session's socket bytes are reported by the stream that opened it (the others report none), so a
 * sum over connections counts every byte once.
 */
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { nowNs } from './clock.js';
import { createEventFeed, refuseResponse } from './sse-event-feed.js';
import {
  categorise,
  connectTls,
  type Connection,
  type ConnectionBytes,
  type ConnectionError,
  type OpenOptions,
} from './connection.js';

/** Chromium's HTTP/2 receive windows: 6 MiB per stream (SETTINGS_INITIAL_WINDOW_SIZE), 15 MiB per connection. */
const BROWSER_STREAM_WINDOW_BYTES = 6 * 1024 * 1024;
const BROWSER_CONNECTION_WINDOW_BYTES = 15 * 1024 * 1024;

interface SharedSession {
  session: http2.ClientHttp2Session;
  wire: net.Socket;
  tlsSocket: net.Socket;
  streams: number;
  /** The session's own failure (a refused certificate, a reset): the cause of its streams' errors. */
  error?: NodeJS.ErrnoException;
  /** The socket's bytes each way when the TLS handshake finished. */
  tlsHandshake?: { read: number; written: number };
}

const sessions = new Map<string, SharedSession>();

function sessionFor(url: URL, options: OpenOptions): { shared: SharedSession; owner: boolean } {
  const existing = sessions.get(url.origin);
  if (existing !== undefined && !existing.session.closed && !existing.session.destroyed)
    return { shared: existing, owner: false };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const wire = net.connect({ host, port: Number(url.port || 443) });
  wire.setNoDelay(true);
  const tlsSocket = connectTls(wire, host, options.tls ?? {}, ['h2']);
  let socketError: NodeJS.ErrnoException | undefined;
  tlsSocket.once('error', (err: NodeJS.ErrnoException) => (socketError = err));
  // Measured streams let the session read the TLS socket natively; a tapped one (the wire scenarios)
  // reads it through a JS stream, so the tap sees every HTTP/2 frame each way.
  if (options.tapSocket !== undefined) options.tapSocket(tlsSocket);
  const session = http2.connect(url.origin, {
    createConnection: () => (options.tapSocket !== undefined ? throughJs(tlsSocket) : tlsSocket),
    // Chromium's flow-control windows, not HTTP/2's 64 KiB default: with that, a client busy with
    // its messages holds the server back waiting for WINDOW_UPDATEs, which no browser would do.
    settings: { initialWindowSize: BROWSER_STREAM_WINDOW_BYTES },
  });
  session.once('connect', () => session.setLocalWindowSize(BROWSER_CONNECTION_WINDOW_BYTES));
  const shared: SharedSession = {
    session,
    wire,
    tlsSocket,
    streams: 0,
    get error() {
      return socketError;
    },
  };
  tlsSocket.once('secureConnect', () => (shared.tlsHandshake = { read: wire.bytesRead, written: wire.bytesWritten }));
  // Each stream reports the failure; the session's error says why (a stream only sees "cancelled").
  session.on('error', (err: NodeJS.ErrnoException) => (socketError ??= err));
  sessions.set(url.origin, shared);
  session.once('close', () => sessions.get(url.origin) === shared && sessions.delete(url.origin));
  return { shared, owner: true };
}

/** A duplex over the socket: the session's bytes pass through JavaScript, where a tap can see them. */
function throughJs(socket: net.Socket): Duplex {
  const duplex = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, callback) => void socket.write(chunk, callback),
    final: (callback) => void socket.end(callback),
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('error', (error) => duplex.destroy(error));
  socket.on('close', () => duplex.destroy());
  return duplex;
}

/** As OpenOptions, plus a request method and body (an LLM prompt POSTed, as fetch-event-source does). */
export interface H2SseOpenOptions extends OpenOptions {
  method?: 'GET' | 'POST';
  body?: string;
}

export function openH2SseConnection(options: H2SseOpenOptions): Connection {
  const { shared, owner } = sessionFor(options.url, options);
  shared.streams++;
  let settleOpen: { resolve: () => void; reject: (e: ConnectionError) => void };
  const opened = new Promise<void>((resolve, reject) => (settleOpen = { resolve, reject }));
  opened.catch(() => undefined);
  let finish: (error?: ConnectionError) => void = () => undefined;
  const closed = new Promise<ConnectionError | undefined>((resolve) => (finish = resolve));
  let isOpen = false;

  const headers: http2.OutgoingHttpHeaders = {
    ':method': options.method ?? 'GET',
    ':path': `${options.url.pathname}${options.url.search}`,
    accept: 'text/event-stream',
    'cache-control': 'no-cache',
  };
  if (options.resumeAfter !== undefined) headers['last-event-id'] = String(options.resumeAfter);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const stream = shared.session.request(headers, { endStream: options.body === undefined });
  if (options.body !== undefined) stream.end(options.body);
  const release = () => {
    if (--shared.streams === 0) shared.session.close();
  };
  stream.once('close', release);
  const fail = (error: ConnectionError) => {
    if (!isOpen) settleOpen.reject(error);
    finish(error);
    stream.close(http2.constants.NGHTTP2_CANCEL);
  };
  stream.on('error', (err: NodeJS.ErrnoException) =>
    fail(categorise(shared.error ?? err, isOpen ? 'stream' : 'connect')),
  );
  stream.on('response', (response) => {
    const refusal = refuseResponse(Number(response[':status']), String(response['content-type'] ?? ''), options.url);
    if (refusal !== undefined) return fail(refusal);
    isOpen = true;
    settleOpen.resolve();
  });
  const feed = createEventFeed(options.sink);
  // The session reads the socket natively, out of our sight: the stream's data is the first we see.
  stream.on('data', (chunk: Buffer) => feed(chunk, nowNs()));
  stream.on('end', () =>
    finish(isOpen ? undefined : { category: 'reset', message: 'stream ended before its response' }),
  );
  const bytes = (): ConnectionBytes =>
    owner
      ? {
          read: shared.wire.bytesRead,
          written: shared.wire.bytesWritten,
          appRead: shared.tlsSocket.bytesRead,
          appWritten: shared.tlsSocket.bytesWritten,
          ...(shared.tlsHandshake
            ? { tlsHandshakeRead: shared.tlsHandshake.read, tlsHandshakeWritten: shared.tlsHandshake.written }
            : {}),
          handshakeDown: 0,
          handshakeUp: 0,
        }
      : { read: 0, written: 0, appRead: 0, appWritten: 0, handshakeDown: 0, handshakeUp: 0 };
  return { opened, closed, bytes, close: () => stream.close(http2.constants.NGHTTP2_CANCEL) };
}
