/**
 * The SSE server on node:http, node:https or node:http2 (its transport picks the layer). GET /stream (or /) subscribes to a broadcast stream; GET or POST
 * /llm streams an answer to a prompt; GET /chat listens to the chat room, POST /chat posts to it;
 * POST /upstream takes one client→server message (see upstream-endpoints.ts).
 * Resumes from the Last-Event-ID header (or `lastEventId` in the
 * query, for clients that cannot set headers) out of the publisher's replay buffer.
 */
import type http from 'node:http';
import type { Envelope } from './envelope.js';
import { parseLlmRequest, streamTokens } from './llm-stream.js';
import { onceDrainedOrClosed } from './backpressure.js';
import { joinSseChat, postSseChat } from './chat-endpoints.js';
import { ChatRoom } from './chat-room.js';
import type { Batch, Subscriber } from './publisher.js';
import { createCounters, type ServerConfig, type ServerCounters } from './server-config.js';
import {
  encodeSseBatch,
  encodeSseEnd,
  encodeSseEvent,
  encodeSsePlainBatch,
  encodeSseRetry,
  SSE_HEARTBEAT,
} from './sse-encoding.js';
import { readEventFormat, type EventFormat } from './event-format.js';
import { openEventBody, openPlainBody, type EventBody } from './sse-event-body.js';
import { tallySocketBytes } from './socket-tally.js';
import { StreamHub } from './stream-hub.js';
import { receiveSseUpstream } from './upstream-endpoints.js';
import { ParamError, parseStreamParams } from './stream-params.js';
import { createHttpListener, type HttpLayer } from './http-listener.js';
import { formatHost, listenOn, readRequestBody, sendError, type RunningServer } from './http-util.js';
import { SSE_FAMILY } from '../transports/families.js';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
};

/** nginx buffers proxied responses unless told not to; this header tells it per response. */
const NO_ACCEL_BUFFERING = { ...SSE_HEADERS, 'x-accel-buffering': 'no' };

/** The response headers of a stream; the nginx hint can be turned off to show what it does. */
export function sseResponseHeaders(config: Pick<ServerConfig, 'accelBufferingHeader'>): http.OutgoingHttpHeaders {
  return config.accelBufferingHeader === false ? SSE_HEADERS : NO_ACCEL_BUFFERING;
}

function createSseSubscriber(
  res: http.ServerResponse,
  body: EventBody,
  config: ServerConfig,
  counters: ServerCounters,
  format: EventFormat,
): Subscriber {
  return {
    deliver(batch: Batch) {
      counters.messagesDelivered += batch.messages.length;
      if (format === 'plain') {
        body.write(batch.encoded('sse-plain', encodeSsePlainBatch));
      } else if (config.writeMode === 'coalesced') {
        body.write(batch.encoded(SSE_FAMILY, encodeSseBatch));
      } else {
        for (const env of batch.messages) body.write(encodeSseEvent(env, process.hrtime.bigint()));
      }
    },
    isCongested: () => body.queuedBytes() > config.highWaterBytes,
    onceDrained: (callback) => onceDrainedOrClosed(body.drains, res, callback),
    end(lastSeq) {
      body.end(encodeSseEnd(lastSeq));
    },
  };
}

function readLastEventId(req: http.IncomingMessage, query: URLSearchParams): number | undefined {
  const raw = req.headers['last-event-id'] ?? query.get('lastEventId') ?? undefined;
  if (raw === undefined || raw === '' || Array.isArray(raw)) return undefined;
  const seq = Number(raw);
  return Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}

/** The CORS response headers a stream carries when the server is configured for cross-origin pages. */
function corsHeaders(config: Pick<ServerConfig, 'corsOrigin'>): http.OutgoingHttpHeaders {
  return config.corsOrigin === undefined ? {} : { 'access-control-allow-origin': config.corsOrigin };
}

/**
 * Answers a CORS preflight. A cross-origin EventSource never needs one (a GET with safelisted
 * headers), but a fetch()-based reader POSTing JSON (fetch-event-source) does, because
 * `content-type: application/json` is not a safelisted header; `last-event-id` is what such a
 * reader sends when it resumes.
 */
function answerPreflight(res: http.ServerResponse, corsOrigin: string): void {
  res.writeHead(204, {
    'access-control-allow-origin': corsOrigin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type, last-event-id, cache-control',
    'access-control-max-age': '600',
  });
  res.end();
}

/** HTTP/2 forbids connection-specific headers (RFC 9113 §8.2.2): `connection: keep-alive` is HTTP/1.1's alone. */
function withoutConnectionHeader(headers: http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const { connection: _connection, ...rest } = headers;
  return rest;
}

function openStream(res: http.ServerResponse, config: ServerConfig, body: EventBody = openPlainBody(res)): void {
  const http2 = res.req?.httpVersionMajor === 2;
  const headers = { ...sseResponseHeaders(config), ...corsHeaders(config), ...body.headers };
  res.writeHead(200, http2 ? withoutConnectionHeader(headers) : headers);
  // An HTTP/2 stream's socket is the session's, shared and not ours to tune (the listener set it).
  if (!http2) res.socket?.setNoDelay(true);
  body.write(encodeSseRetry(config.retryMs));
}

export async function startSseServer(config: ServerConfig, layer: HttpLayer = 'http1'): Promise<RunningServer> {
  const counters = createCounters();
  const hub = new StreamHub(config);
  /** Open streams and the body each writes to (heartbeats must go through a stream's compressor). */
  const open = new Map<http.ServerResponse, EventBody>();
  const chat = new ChatRoom();

  const handleStream = (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void => {
    const params = parseStreamParams(query, config.defaults);
    const format = readEventFormat(query);
    const publisher = hub.acquire(params);
    const body = openEventBody(req, res, config);
    const subscriber = createSseSubscriber(res, body, config, counters, format);
    openStream(res, config, body);
    track(res, body);
    res.on('close', () => {
      publisher.unsubscribe(subscriber);
      hub.release(publisher);
    });
    publisher.subscribe(subscriber, readLastEventId(req, query));
  };

  const handleLlm = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    query: URLSearchParams,
  ): Promise<void> => {
    const source =
      req.method === 'POST'
        ? (JSON.parse((await readRequestBody(req)) || '{}') as Record<string, unknown>)
        : Object.fromEntries(query);
    const request = parseLlmRequest(source, { tokens: config.llmTokens, tokenDelayMs: config.llmTokenDelayMs });
    openStream(res, config);
    track(res);
    const onToken = (env: Envelope) => {
      counters.messagesDelivered++;
      res.write(encodeSseEvent(env, process.hrtime.bigint()));
    };
    const tokens = streamTokens(request, onToken, (lastSeq) => res.end(encodeSseEnd(lastSeq)));
    res.on('close', () => tokens.cancel());
  };

  const listenToChat = (res: http.ServerResponse): void => {
    openStream(res, config);
    track(res);
    joinSseChat(chat, res, counters);
  };

  const track = (res: http.ServerResponse, body: EventBody = openPlainBody(res)): void => {
    open.set(res, body);
    counters.connectionsOpen++;
    counters.connectionsTotal++;
    res.on('close', () => {
      open.delete(res);
      counters.connectionsOpen--;
    });
  };

  const listener = createHttpListener(layer, config.tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname;
    try {
      const streamRoute = route === '/stream' || route === '/' || route === '/llm';
      if (streamRoute && req.method === 'OPTIONS' && config.corsOrigin !== undefined)
        return answerPreflight(res, config.corsOrigin);
      if ((route === '/stream' || route === '/') && req.method === 'GET')
        return handleStream(req, res, url.searchParams);
      if (route === '/chat' && req.method === 'GET') return listenToChat(res);
      if (route === '/chat' && req.method === 'POST')
        return void postSseChat(chat, req, res).catch((err: Error) => sendError(res, 400, err.message));
      if (route === '/upstream' && req.method === 'POST')
        return void receiveSseUpstream(req, res, counters).catch((err: Error) => sendError(res, 400, err.message));
      if (route === '/llm' && (req.method === 'GET' || req.method === 'POST')) {
        handleLlm(req, res, url.searchParams).catch((err: Error) => sendError(res, 400, err.message));
        return;
      }
      sendError(res, 404, `no route ${req.method} ${route}; try GET /stream, GET|POST /llm or GET|POST /chat`);
    } catch (err) {
      sendError(res, err instanceof ParamError ? 400 : 500, (err as Error).message);
    }
  });
  const server = listener.server as http.Server;
  // A stream is meant to stay open: no response timeout may cut it (the seed's `new SseEmitter(0L)`).
  server.timeout = 0;
  server.requestTimeout = 0;

  const heartbeat =
    config.heartbeatMs > 0
      ? setInterval(() => open.forEach((body) => body.write(SSE_HEARTBEAT)), config.heartbeatMs)
      : undefined;
  const socketBytes = tallySocketBytes(server);
  heartbeat?.unref();

  const port = await listenOn(server, config.host, config.port);
  return {
    port,
    url: `${listener.secure ? 'https' : 'http'}://${formatHost(config.host)}:${port}/stream`,
    counters,
    messagesPublished: () => hub.messagesPublished,
    socketBytes,
    close: async () => {
      clearInterval(heartbeat);
      hub.close();
      for (const res of open.keys()) (res as { destroy?: () => void }).destroy?.();
      listener.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
