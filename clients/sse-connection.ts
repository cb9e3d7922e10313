/**
 * An SSE client connection: node:http plus eventsource-parser, the way a server-side consumer
 * reads a stream. Fails the stream on a non-200 status or a wrong MIME type, as EventSource does.
 * (Automatic reconnection is layered on top by the reconnecting client, not here.)
 */
import { nowNs } from './clock.js';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createEventFeed, refuseResponse } from './sse-event-feed.js';
import { categorise, HandshakeTap, type Connection, type ConnectionError, type OpenOptions } from './connection.js';

export interface SseOpenOptions extends OpenOptions {
  method?: 'GET' | 'POST';
  body?: string;
  /** Reuse this agent (keep-alive) instead of a fresh socket per request. */
  agent?: http.Agent;
  /**
   * Offer `Accept-Encoding: gzip` and gunzip a response that comes gzipped, as a browser does
   * (the compression scenario). Absent: no Accept-Encoding, so a server sends the stream as is.
   */
  acceptGzip?: boolean;
}

/** The response body as text bytes: gunzipped when the server compressed it. */
function decodedBody(res: http.IncomingMessage): Readable {
  return res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
}

export function openSseConnection(options: SseOpenOptions): Connection {
  const secure = options.url.protocol === 'https:';
  const tap = new HandshakeTap(
    options.tapSocket,
    secure ? { client: options.tls ?? {}, alpn: ['http/1.1'] } : undefined,
  );
  let settleOpen: { resolve: () => void; reject: (e: ConnectionError) => void };
  const opened = new Promise<void>((resolve, reject) => (settleOpen = { resolve, reject }));
  opened.catch(() => undefined);
  let finish: (error?: ConnectionError) => void = () => undefined;
  const closed = new Promise<ConnectionError | undefined>((resolve) => (finish = resolve));
  let isOpen = false;

  const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
  if (options.resumeAfter !== undefined) headers['last-event-id'] = String(options.resumeAfter);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.acceptGzip) headers['accept-encoding'] = 'gzip';
  const req = (secure ? https.request : http.request)(options.url, {
    method: options.method ?? 'GET',
    headers,
    // No agent with createConnection: Node then uses our tapped socket, one per connection.
    ...(options.agent ? { agent: options.agent } : { createConnection: tap.createConnection as never }),
  });
  const fail = (error: ConnectionError) => {
    if (!isOpen) settleOpen.reject(error);
    finish(error);
    req.destroy();
  };
  req.on('error', (err) => fail(categorise(err, isOpen ? 'stream' : 'connect')));
  req.on('response', (res) => {
    const refusal = refuseResponse(res.statusCode, res.headers['content-type'] ?? '', options.url);
    if (refusal !== undefined) return fail(refusal);
    isOpen = true;
    settleOpen.resolve();
    const feed = createEventFeed(options.sink);
    const body = decodedBody(res);
    // When the bytes came off the socket, before HTTP chunk parsing; a pooled agent's socket is not
    // ours to tap, so there it is now, a parser's pass later.
    body.on('data', (chunk: Buffer) => feed(chunk, options.agent ? nowNs() : tap.lastArrivalNs || nowNs()));
    body.on('end', () => finish(undefined));
    res.on('error', (err) => fail(categorise(err, 'stream')));
    if (body !== res) body.on('error', (err) => fail({ category: 'protocol:gzip', message: err.message }));
    // A complete gzipped response is finished when its decompressor has flushed the last events ('end' above).
    res.on('close', () =>
      res.complete
        ? body === res && finish(undefined)
        : finish({ category: 'reset', message: 'stream closed before it completed' }),
    );
  });
  req.end(options.body);
  return { opened, closed, bytes: () => tap.bytes(), close: () => req.destroy() };
}
