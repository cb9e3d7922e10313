/** The WS client against scripted servers: backoff, resume, and when it must stop. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRecordingSink, recordEvents, sleepMs, testOptions } from '../test/support/reconnect-helpers.js';
import type { ReconnectingClient } from './reconnecting-client.js';
import { openReconnectingWs } from './reconnecting-ws-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function open(...args: Parameters<typeof testOptions>): ReconnectingClient {
  const client = openReconnectingWs(testOptions(...args));
  cleanups.push(() => client.close());
  return client;
}

/** A WS server on port 0 that hands connection n (0-based) to `answer`, with the request's URL. */
async function startWsServer(
  answer: (n: number, ws: WebSocket, url: string) => void,
): Promise<{ url: string; urls: string[] }> {
  const urls: string[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws, req) => {
    urls.push(req.url ?? '');
    answer(urls.length - 1, ws, req.url ?? '');
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  cleanups.push(
    () => new Promise<void>((resolve) => (wss.clients.forEach((ws) => ws.terminate()), wss.close(() => resolve()))),
  );
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/stream`, urls };
}

/** An HTTP server that refuses every upgrade with `status`. */
async function startRefusingServer(status: number): Promise<string> {
  const server = http.createServer((_req, res) => res.writeHead(status).end());
  server.on('upgrade', (_req, socket) =>
    socket.end(`HTTP/1.1 ${status} Nope\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
}

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `ws://127.0.0.1:${port}/stream`;
}

describe('reconnecting WS client', () => {
  it('backs off: each wait between failed attempts is longer than the one before', async () => {
    const events = recordEvents();
    open(await closedPortUrl(), createRecordingSink(), events, { backoff: { baseMs: 20, maxMs: 1000 } });
    await sleepMs(1300);
    const gapsMs = events.attemptsAtMs.slice(1).map((atMs, i) => atMs - events.attemptsAtMs[i]!);
    expect(gapsMs.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < gapsMs.length; i++) expect(gapsMs[i]).toBeGreaterThan(gapsMs[i - 1]!);
    expect(gapsMs[3]!).toBeGreaterThan(4 * gapsMs[0]!);
    expect(events.failures.every((failure) => failure.category === 'connect')).toBe(true);
  });

  it('resumes with ?from= the last sequence the application has, and without resume asks for none', async () => {
    for (const resume of [true, false]) {
      const server = await startWsServer((n, ws) => (n === 0 ? ws.terminate() : ws.send('!end 41')));
      const sink = createRecordingSink();
      sink.lastSeq = 41;
      const error = await open(server.url, sink, recordEvents(), { resume }).stopped;
      expect(error).toBeUndefined(); // the end marker stops the client
      expect(sink.ended).toBe(41);
      expect(new URL(server.urls[1]!, 'ws://x').searchParams.get('from')).toBe(resume ? '41' : null);
    }
  });

  it('stops for good on a 4xx upgrade response', async () => {
    const events = recordEvents();
    const error = await open(await startRefusingServer(403), createRecordingSink(), events).stopped;
    expect(error).toMatchObject({ category: 'http-status', message: 'expected 101, got 403' });
    await sleepMs(300);
    expect(events.attemptsAtMs).toHaveLength(1);
  });

  it('keeps trying on a 5xx upgrade response', async () => {
    const events = recordEvents();
    const client = open(await startRefusingServer(503), createRecordingSink(), events);
    await sleepMs(400);
    expect(client.state).not.toBe('stopped');
    expect(events.attemptsAtMs.length).toBeGreaterThanOrEqual(2);
    expect(events.failures[0]).toMatchObject({ category: 'http-status' });
  });

  it('notices a connection whose pings stopped, pings counting as traffic', async () => {
    const server = await startWsServer((n, ws) => {
      if (n > 0) return ws.send('!end 0');
      const timer = setInterval(() => ws.ping(), 50);
      setTimeout(() => clearInterval(timer), 300);
      ws.on('close', () => clearInterval(timer));
    });
    const events = recordEvents();
    await open(server.url, createRecordingSink(), events, { idleTimeoutMs: 200 }).stopped;
    expect(events.drops.map((drop) => drop.error.category)).toEqual(['timeout:heartbeat']);
    expect(events.heartbeats).toBeGreaterThanOrEqual(4);
    const livedMs = events.drops[0]!.atMs - events.opensAtMs[0]!;
    expect(livedMs).toBeGreaterThan(400);
    expect(livedMs).toBeLessThan(1500);
  });
});
