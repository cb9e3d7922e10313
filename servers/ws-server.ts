/**
 * The WebSocket server on `ws`. `/stream` (or `/`) subscribes to a broadcast stream and resumes
 * after the sequence given as `?from=N`; `/llm` answers each JSON prompt message with a token stream;
 * `/chat` joins the chat room, sending and receiving on the one socket.
 * Text and JSON payloads go as text frames carrying the text envelope, binary payloads as binary
 * frames with the binary envelope (no base64: that is WS's advantage to measure).
 */
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeBinary, encodeEndText, encodeText, type Envelope } from './envelope.js';
import type { RunningServer } from './http-util.js';
import { formatHost, listenOn, sendError } from './http-util.js';
import { createHttpListener, type HttpLayer } from './http-listener.js';
import { parseLlmRequest, streamTokens, type TokenStream } from './llm-stream.js';
import { onceDrainedOrClosed } from './backpressure.js';
import { joinWsChat } from './chat-endpoints.js';
import { ChatRoom } from './chat-room.js';
import type { Batch, Subscriber } from './publisher.js';
import { createCounters, type ServerConfig, type ServerCounters } from './server-config.js';
import { tallySocketBytes } from './socket-tally.js';
import { StreamHub } from './stream-hub.js';
import { ParamError, parseStreamParams } from './stream-params.js';
import { readEventFormat, type EventFormat } from './event-format.js';
import { acknowledgeWsUpstream } from './upstream-endpoints.js';
import { WS_FAMILY } from '../transports/families.js';
import { transportNamed } from '../transports/registry.js';

/** A frame ready for `ws.send`: encoded once per batch, shared by every subscriber. */
interface WsFrame {
  data: Buffer;
  binary: boolean;
}

function encodeFrame(env: Envelope, writtenNs: bigint): WsFrame {
  return env.kind === 'binary'
    ? { data: encodeBinary(env, writtenNs), binary: true }
    : { data: Buffer.from(encodeText(env, writtenNs)), binary: false };
}

const encodeFrames = (messages: readonly Envelope[], writtenNs: bigint): WsFrame[] =>
  messages.map((env) => encodeFrame(env, writtenNs));

/** Plain format: the payload alone, text in a text frame, bytes in a binary frame. */
const encodePlainFrames = (messages: readonly Envelope[]): WsFrame[] =>
  messages.map((env) =>
    typeof env.payload === 'string'
      ? { data: Buffer.from(env.payload), binary: false }
      : { data: env.payload, binary: true },
  );

function createWsSubscriber(
  ws: WebSocket,
  config: ServerConfig,
  counters: ServerCounters,
  format: EventFormat,
): Subscriber {
  const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    deliver(batch: Batch) {
      counters.messagesDelivered += batch.messages.length;
      const frames =
        format === 'plain'
          ? batch.encoded(`${WS_FAMILY}-plain`, encodePlainFrames)
          : batch.encoded(WS_FAMILY, encodeFrames);
      // Corking turns N frames into one writev; without it each ws.send is its own syscall.
      const cork = config.writeMode === 'coalesced' && frames.length > 1;
      if (cork) socket.cork();
      for (const frame of frames) ws.send(frame.data, { binary: frame.binary });
      if (cork) socket.uncork();
    },
    isCongested: () => ws.bufferedAmount > config.highWaterBytes,
    onceDrained: (callback) => onceDrainedOrClosed(socket, ws, callback),
    end(lastSeq) {
      ws.send(encodeEndText(lastSeq));
      ws.close(1000, 'end of stream');
    },
  };
}

function readFromSeq(query: URLSearchParams): number | undefined {
  const raw = query.get('from');
  if (raw === null || raw === '') return undefined;
  const seq = Number(raw);
  if (!Number.isInteger(seq) || seq < 0)
    throw new ParamError(
      `query parameter from must be an integer >= 0 (the last sequence seen), got ${JSON.stringify(raw)}`,
    );
  return seq;
}

/** Pings every client each interval; one that has not ponged since the last ping is half-open. */
function startHeartbeat(wss: WebSocketServer, intervalMs: number): NodeJS.Timeout | undefined {
  if (intervalMs <= 0) return undefined;
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return timer;
}

/**
 * The 403 answer to a handshake from an origin not on the list, or undefined to let it through.
 * Browsers send Origin on every WebSocket handshake and enforce nothing themselves, so without this
 * check any page on any site can open a socket with the user's cookies (cross-site WebSocket
 * hijacking). A handshake without Origin is not from a browser page and cannot be such an attack.
 */
export function refuseOrigin(
  origin: string | undefined,
  allowedOrigins: readonly string[] | undefined,
): string | undefined {
  if (allowedOrigins === undefined || origin === undefined || allowedOrigins.includes(origin)) return undefined;
  const message = `origin ${origin} is not allowed`;
  return `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(message)}\r\nconnection: close\r\n\r\n${message}`;
}

export async function startWsServer(
  config: ServerConfig,
  layer: Exclude<HttpLayer, 'h2'> = 'http1',
): Promise<RunningServer> {
  const counters = createCounters();
  const hub = new StreamHub(config);
  const chat = new ChatRoom();
  const listener = createHttpListener(layer, config.tls, (_req, res) =>
    sendError(res, 426, 'this is a WebSocket server: connect with a WebSocket client to /stream or /llm'),
  );
  const server = listener.server as http.Server;
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: config.perMessageDeflate,
    clientTracking: true,
  });
  const heartbeat = startHeartbeat(wss, config.heartbeatMs);
  const socketBytes = tallySocketBytes(server);

  const handleStream = (ws: WebSocket, query: URLSearchParams): void => {
    const params = parseStreamParams(query, config.defaults);
    const fromSeq = readFromSeq(query);
    const publisher = hub.acquire(params);
    const subscriber = createWsSubscriber(ws, config, counters, readEventFormat(query));
    ws.on('close', () => {
      publisher.unsubscribe(subscriber);
      hub.release(publisher);
    });
    publisher.subscribe(subscriber, fromSeq);
  };

  const handleLlm = (ws: WebSocket): void => {
    let tokens: TokenStream | undefined;
    ws.on('message', (data) => {
      try {
        const request = parseLlmRequest(JSON.parse(data.toString()) as Record<string, unknown>, {
          tokens: config.llmTokens,
          tokenDelayMs: config.llmTokenDelayMs,
        });
        tokens?.cancel();
        const onToken = (env: Envelope) => {
          counters.messagesDelivered++;
          ws.send(encodeText(env, process.hrtime.bigint()));
        };
        // The socket stays open after an answer: the next prompt reuses it, unlike SSE's request per prompt.
        tokens = streamTokens(request, onToken, (lastSeq) => ws.send(encodeEndText(lastSeq)));
      } catch (err) {
        ws.close(1007, (err as Error).message.slice(0, 120));
      }
    });
    ws.on('close', () => tokens?.cancel());
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname;
    if (route !== '/stream' && route !== '/' && route !== '/llm' && route !== '/chat' && route !== '/upstream') {
      socket.end(`HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n`);
      return;
    }
    const refusal = refuseOrigin(req.headers.origin, config.allowedOrigins);
    if (refusal !== undefined) {
      socket.end(refusal);
      return;
    }
    try {
      if (route !== '/llm' && route !== '/chat') {
        parseStreamParams(url.searchParams, config.defaults);
        readEventFormat(url.searchParams);
      }
      readFromSeq(url.searchParams);
    } catch (err) {
      const message = (err as Error).message;
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(message)}\r\nconnection: close\r\n\r\n${message}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      (ws as unknown as { _socket: import('node:net').Socket })._socket.setNoDelay(true);
      counters.connectionsOpen++;
      counters.connectionsTotal++;
      ws.on('close', () => counters.connectionsOpen--);
      wss.emit('connection', ws, req);
      if (route === '/chat') joinWsChat(chat, ws, counters);
      else if (route === '/llm') handleLlm(ws);
      else handleStream(ws, url.searchParams);
      // /upstream: the stream as above, plus an acknowledgement for every message the client sends.
      if (route === '/upstream') acknowledgeWsUpstream(ws, counters);
    });
  });

  const port = await listenOn(server, config.host, config.port);
  return {
    port,
    url: `${transportNamed(config.transport).scheme}//${formatHost(config.host)}:${port}/stream`,
    counters,
    messagesPublished: () => hub.messagesPublished,
    socketBytes,
    close: async () => {
      clearInterval(heartbeat);
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      listener.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
