/**
 * A model of the development proxy the seed article blames (OBS-2): the Vue CLI dev server, which
 * is webpack-dev-server with http-proxy-middleware behind the `compression` middleware. That
 * middleware pipes a response through a gzip stream that releases output only in zlib-sized chunks
 * unless the app calls res.flush(); the response headers wait for the first chunk too. So a stream
 * reaches the browser in blocks, and a short one (an LLM answer) in one piece at its end.
 *
 * This is a model, not that code: it holds the *uncompressed* body and releases it in `blockBytes`
 * blocks (default 16 KiB, zlib's output chunk), and the rest at the end. The real gzip stream
 * compresses first, so it would hold more input per block and delay more. It buffers every
 * response; the real middleware skips a response marked `Cache-Control: no-transform` (which our SSE
 * server sends) or a client without `Accept-Encoding: gzip` (browsers always send it). WebSocket
 * upgrades go through as a raw byte pipe, as http-proxy does with `ws: true`.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** zlib's default output chunk (zlib.constants.Z_DEFAULT_CHUNK): the block a gzip stream releases. */
export const DEFAULT_BLOCK_BYTES = 16 * 1024;

export interface BufferingProxyOptions {
  upstreamHost: string;
  upstreamPort: number;
  blockBytes?: number;
  host?: string;
}

export interface BufferingProxy {
  port: number;
  blockBytes: number;
  /** Blocks released downstream so far, end-of-response remainders included. */
  blocksReleased(): number;
  close(): Promise<void>;
}

/** Holds response bytes and releases them in whole blocks; `finish` releases the remainder. */
export class BlockBuffer {
  private held: Buffer[] = [];
  private heldBytes = 0;

  constructor(
    private readonly blockBytes: number,
    private readonly release: (block: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    while (this.heldBytes >= this.blockBytes) {
      const all = Buffer.concat(this.held);
      this.release(all.subarray(0, this.blockBytes));
      const rest = all.subarray(this.blockBytes);
      this.held = rest.length > 0 ? [rest] : [];
      this.heldBytes = rest.length;
    }
  }

  finish(): void {
    if (this.heldBytes > 0) this.release(Buffer.concat(this.held));
    this.held = [];
    this.heldBytes = 0;
  }
}

export async function startBufferingDevProxy(options: BufferingProxyOptions): Promise<BufferingProxy> {
  const blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<net.Socket>();
  let blocks = 0;
  const server = http.createServer((req, res) => forwardBuffered(req, res, options, agent, blockBytes, () => blocks++));
  // A stream is meant to stay open: no request timeout may cut it.
  server.requestTimeout = 0;
  server.on('connection', (socket) => (sockets.add(socket), socket.once('close', () => sockets.delete(socket))));
  server.on('upgrade', (req, socket, head) => pipeUpgrade(req, socket as net.Socket, head, options, sockets));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    blockBytes,
    blocksReleased: () => blocks,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forwardBuffered(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: BufferingProxyOptions,
  agent: http.Agent,
  blockBytes: number,
  onBlock: () => void,
): void {
  const upstream = http.request({
    host: options.upstreamHost,
    port: options.upstreamPort,
    method: req.method,
    path: req.url,
    headers: req.headers,
    agent,
  });
  upstream.on('response', (upstreamRes) => {
    // writeHead only stages the head: Node sends it with the first body write, as the middleware does.
    res.writeHead(upstreamRes.statusCode ?? 502, withoutFraming(upstreamRes.headers));
    const buffer = new BlockBuffer(blockBytes, (block) => (onBlock(), res.write(block)));
    upstreamRes.on('data', (chunk: Buffer) => buffer.push(chunk));
    upstreamRes.on('end', () => (buffer.finish(), res.end()));
    upstreamRes.on('error', () => res.destroy());
  });
  upstream.on('error', (err) => {
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { 'content-type': 'text/plain' }).end(`dev proxy: upstream failed: ${err.message}\n`);
  });
  // The client left: its upstream request goes too, or an endless stream would run on behind it.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** The body is re-framed on this hop (chunked to the client), so the upstream's framing headers go. */
function withoutFraming(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const {
    'transfer-encoding': _te,
    'content-length': _length,
    connection: _connection,
    'keep-alive': _keepAlive,
    ...rest
  } = headers;
  return rest;
}

/** A WebSocket upgrade: replay the request head upstream, then pipe bytes both ways untouched. */
function pipeUpgrade(
  req: http.IncomingMessage,
  client: net.Socket,
  head: Buffer,
  options: BufferingProxyOptions,
  sockets: Set<net.Socket>,
): void {
  const upstream = net.connect({ host: options.upstreamHost, port: options.upstreamPort });
  sockets.add(upstream);
  upstream.once('close', () => sockets.delete(upstream));
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  upstream.once('connect', () => {
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client).pipe(upstream);
  });
  const closeBoth = () => (client.destroy(), upstream.destroy());
  upstream.on('error', closeBoth);
  client.on('error', closeBoth);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}
