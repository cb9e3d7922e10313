/**
 * What the servers do for cross-origin browser pages, at the HTTP level (the browser scenario shows
 * the same in Chromium): SSE sends CORS headers only when configured to, and answers preflights;
 * WS accepts every Origin unless given a list, and then refuses the others with 403.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from './http-util.js';
import type { ServerConfig, TransportName } from './server-config.js';
import { startTestServer } from '../test/support/server-helpers.js';

const PAGE_ORIGIN = 'http://127.0.0.1:1234';
const FOREIGN_ORIGIN = 'http://evil.example';

let servers: RunningServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((ws) => ws.terminate());
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(transport: TransportName, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const server = await startTestServer(transport, overrides);
  servers.push(server);
  return server;
}

interface HeadResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** Sends one request and resolves with the status and headers, leaving no stream open behind it. */
function requestHead(url: string, method: string, headers: Record<string, string>): Promise<HeadResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.destroy();
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ tokens: 1, tokenDelayMs: 0 }) : undefined);
  });
}

/** Resolves with 'open' or with the HTTP status the handshake was refused with. */
function openWs(url: string, origin: string | undefined): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    sockets.push(ws);
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('SSE server and CORS', () => {
  it('sends no CORS header by default, so a cross-origin page may not read the stream', async () => {
    const server = await serve('sse');
    const res = await requestHead(`${server.url}?count=1`, 'GET', { origin: PAGE_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not answer preflights by default', async () => {
    const server = await serve('sse');
    const res = await requestHead(new URL('/llm', server.url).href, 'OPTIONS', {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'POST',
    });
    expect(res.status).toBe(404);
  });

  it.each(['*', PAGE_ORIGIN])(
    'with corsOrigin %s, sends it on GET streams and POST /llm streams',
    async (corsOrigin) => {
      const server = await serve('sse', { corsOrigin });
      const get = await requestHead(`${server.url}?count=1`, 'GET', { origin: PAGE_ORIGIN });
      const post = await requestHead(new URL('/llm', server.url).href, 'POST', {
        origin: PAGE_ORIGIN,
        'content-type': 'application/json',
      });
      expect(get.headers['access-control-allow-origin']).toBe(corsOrigin);
      expect(post.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(post.headers['access-control-allow-origin']).toBe(corsOrigin);
    },
  );

  it('with corsOrigin, answers the preflight a fetch() POST of JSON needs', async () => {
    const server = await serve('sse', { corsOrigin: '*' });
    const res = await requestHead(new URL('/llm', server.url).href, 'OPTIONS', {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toMatch(/\bPOST\b/);
    expect(res.headers['access-control-allow-headers']).toMatch(/\bcontent-type\b/);
  });
});

describe('WS server and Origin', () => {
  it('accepts a foreign origin when no list is configured (browsers enforce nothing for WebSocket)', async () => {
    const server = await serve('ws');
    expect(await openWs(`${server.url}?rate=10`, FOREIGN_ORIGIN)).toBe('open');
  });

  it('refuses a foreign origin with 403 when a list is configured', async () => {
    const server = await serve('ws', { allowedOrigins: [PAGE_ORIGIN] });
    expect(await openWs(`${server.url}?rate=10`, FOREIGN_ORIGIN)).toBe(403);
    expect(server.counters.connectionsTotal).toBe(0);
  });

  it('with a list, accepts the listed origin and handshakes without Origin (not from a browser page)', async () => {
    const server = await serve('ws', { allowedOrigins: [PAGE_ORIGIN] });
    expect(await openWs(`${server.url}?rate=10`, PAGE_ORIGIN)).toBe('open');
    expect(await openWs(`${server.url}?rate=10`, undefined)).toBe('open');
  });
});
