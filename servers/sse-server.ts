/**
 * The SSE server on node:http. GET /stream (or /) subscribes to a broadcast stream; GET or POST
 * /llm streams an answer to a prompt. Resumes from the Last-Event-ID header (or `lastEventId` in the
 * query, for clients that cannot set headers) out of the publisher's replay buffer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope } from './envelope.js';
import { parseLlmRequest, streamTokens } from './llm-stream.js';
import { onceDrainedOrClosed } from './backpressure.js';
import { Batch, type Subscriber } from './publisher.js';
import { createCounters, type ServerConfig, type ServerCounters } from './server-config.js';
import { encodeSseBatch, encodeSseEnd, encodeSseEvent, encodeSseRetry, SSE_HEARTBEAT } from './sse-encoding.js';
import { StreamHub } from './stream-hub.js';
import { ParamError, parseStreamParams } from './stream-params.js';
import { formatHost, readRequestBody, sendError, type RunningServer } from './http-util.js';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx buffers proxied responses unless told not to; this header tells it per response.
  'x-accel-buffering': 'no',
};

function createSseSubscriber(res: http.ServerResponse, config: ServerConfig, counters: ServerCounters): Subscriber {
  return {
    deliver(batch: Batch) {
      counters.messagesDelivered += batch.messages.length;
      if (config.writeMode === 'coalesced') {
        res.write(batch.encoded('sse', encodeSseBatch));
      } else {
        for (const env of batch.messages) res.write(encodeSseEvent(env));
      }
    },
    isCongested: () => res.writableLength > config.highWaterBytes,
    onceDrained: (callback) => onceDrainedOrClosed(res, res, callback),
    end(lastSeq) {
      res.end(encodeSseEnd(lastSeq));
    },
  };
}

function readLastEventId(req: http.IncomingMessage, query: URLSearchParams): number | undefined {
  const raw = req.headers['last-event-id'] ?? query.get('lastEventId') ?? undefined;
  if (raw === undefined || raw === '' || Array.isArray(raw)) return undefined;
  const seq = Number(raw);
  return Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}

function openStream(res: http.ServerResponse, config: ServerConfig): void {
  res.writeHead(200, SSE_HEADERS);
  res.socket?.setNoDelay(true);
  res.write(encodeSseRetry(config.retryMs));
}

export async function startSseServer(config: ServerConfig): Promise<RunningServer> {
  const counters = createCounters();
  const hub = new StreamHub(config);
  const open = new Set<http.ServerResponse>();

  const handleStream = (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void => {
    const params = parseStreamParams(query, config.defaults);
    const publisher = hub.acquire(params);
    const subscriber = createSseSubscriber(res, config, counters);
    openStream(res, config);
    track(res);
    res.on('close', () => {
      publisher.unsubscribe(subscriber);
      hub.release(publisher);
    });
    publisher.subscribe(subscriber, readLastEventId(req, query));
  };

  const handleLlm = async (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> => {
    const source = req.method === 'POST' ? (JSON.parse((await readRequestBody(req)) || '{}') as Record<string, unknown>) : Object.fromEntries(query);
    const request = parseLlmRequest(source, { tokens: config.llmTokens, tokenDelayMs: config.llmTokenDelayMs });
    openStream(res, config);
    track(res);
    const onToken = (env: Envelope) => {
      counters.messagesDelivered++;
      res.write(encodeSseEvent(env));
    };
    const tokens = streamTokens(request, onToken, (lastSeq) => res.end(encodeSseEnd(lastSeq)));
    res.on('close', () => tokens.cancel());
  };

  const track = (res: http.ServerResponse): void => {
    open.add(res);
    counters.connectionsOpen++;
    counters.connectionsTotal++;
    res.on('close', () => {
      open.delete(res);
      counters.connectionsOpen--;
    });
  };

  const server = http.createServer({ noDelay: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname;
    try {
      if ((route === '/stream' || route === '/') && req.method === 'GET') return handleStream(req, res, url.searchParams);
      if (route === '/llm' && (req.method === 'GET' || req.method === 'POST')) {
        handleLlm(req, res, url.searchParams).catch((err: Error) => sendError(res, 400, err.message));
        return;
      }
      sendError(res, 404, `no route ${req.method} ${route}; try GET /stream or GET|POST /llm`);
    } catch (err) {
      sendError(res, err instanceof ParamError ? 400 : 500, (err as Error).message);
    }
  });
  // A stream is meant to stay open: no response timeout may cut it (the seed's `new SseEmitter(0L)`).
  server.timeout = 0;
  server.requestTimeout = 0;

  const heartbeat = config.heartbeatMs > 0 ? setInterval(() => open.forEach((res) => res.write(SSE_HEARTBEAT)), config.heartbeatMs) : undefined;
  heartbeat?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${formatHost(config.host)}:${port}/stream`,
    counters,
    messagesPublished: () => hub.messagesPublished,
    close: async () => {
      clearInterval(heartbeat);
      hub.close();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
