/** The SSE client against scripted servers: the EventSource rules, one at a time. */
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRecordingSink,
  recordEvents,
  sleepMs,
  startScriptedServer,
  testOptions,
  type ScriptedServer,
} from '../test/support/reconnect-helpers.js';
import type { ReconnectingClient } from './reconnecting-client.js';
import { openReconnectingSse } from './reconnecting-sse-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scripted(
  answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<ScriptedServer> {
  const server = await startScriptedServer(answer);
  cleanups.push(() => server.close());
  return server;
}

function open(...args: Parameters<typeof testOptions>): ReconnectingClient {
  const client = openReconnectingSse(testOptions(...args));
  cleanups.push(() => client.close());
  return client;
}

const eventStream = (res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });

describe('reconnecting SSE client: responses that forbid reconnecting', () => {
  it.each([
    [204, 'http-status', /204/],
    [500, 'http-status', /expected 200, got 500/],
  ])('stops for good on HTTP %i', async (status, category, message) => {
    const server = await scripted((_n, _req, res) => res.writeHead(status).end());
    const events = recordEvents();
    const client = open(server.url, createRecordingSink(), events);
    const error = await client.stopped;
    expect(error?.category).toBe(category);
    expect(error?.message).toMatch(message);
    await sleepMs(300); // several backoff periods: no further attempt
    expect(events.attemptsAtMs).toHaveLength(1);
    expect(client.state).toBe('stopped');
  });

  it('fails the stream on a MIME type other than text/event-stream', async () => {
    const server = await scripted((_n, _req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('data: x\n\n'),
    );
    const events = recordEvents();
    const error = await open(server.url, createRecordingSink(), events).stopped;
    expect(error).toMatchObject({ category: 'mime' });
    await sleepMs(300);
    expect(events.attemptsAtMs).toHaveLength(1);
  });
});

describe('reconnecting SSE client: reconnection', () => {
  /** First response: retry:, two events, the start of a third, then the end; second: stop with 204. */
  const endMidEvent = (n: number, _req: http.IncomingMessage, res: http.ServerResponse) => {
    if (n > 0) return res.writeHead(204).end();
    eventStream(res);
    res.end('retry: 150\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: partial');
  };

  it('reconnects after the retry: time, sending the id of the last dispatched event, never of a partial one', async () => {
    const server = await scripted(endMidEvent);
    const sink = createRecordingSink();
    const events = recordEvents();
    await open(server.url, sink, events).stopped;
    expect(sink.texts).toEqual(['a', 'b']);
    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(events.drops).toHaveLength(1);
    const waitedMs = events.attemptsAtMs[1]! - events.drops[0]!.atMs;
    expect(waitedMs).toBeGreaterThanOrEqual(145); // the spec's reconnection time is a floor
    expect(waitedMs).toBeLessThan(150 * 1.5 + 200);
  });

  it('sends no Last-Event-ID without resume', async () => {
    const server = await scripted(endMidEvent);
    await open(server.url, createRecordingSink(), recordEvents(), { resume: false }).stopped;
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['last-event-id']).toBeUndefined();
  });

  it('notices a silent connection after the idle timeout, comments counting as traffic', async () => {
    // Comments every 50 ms for 300 ms, then silence with the connection left open.
    const server = await scripted((n, _req, res) => {
      if (n > 0) return res.writeHead(204).end();
      eventStream(res);
      const timer = setInterval(() => res.write(':\n\n'), 50);
      setTimeout(() => clearInterval(timer), 300);
      res.on('close', () => clearInterval(timer));
    });
    const events = recordEvents();
    const client = open(server.url, createRecordingSink(), events, { idleTimeoutMs: 200 });
    await client.stopped;
    expect(events.drops.map((drop) => drop.error.category)).toEqual(['timeout:heartbeat']);
    expect(events.heartbeats).toBeGreaterThanOrEqual(4);
    const livedMs = events.drops[0]!.atMs - events.opensAtMs[0]!;
    expect(livedMs).toBeGreaterThan(400); // kept open by the comments
    expect(livedMs).toBeLessThan(1500);
  });

  it('gives up on a handshake that never completes and tries again', async () => {
    const server = await scripted((n, _req, res) => {
      if (n > 0) res.writeHead(204).end();
      // the first request is never answered
    });
    const events = recordEvents();
    await open(server.url, createRecordingSink(), events, { connectTimeoutMs: 150 }).stopped;
    expect(events.failures.map((failure) => failure.category)).toEqual(['timeout:connect']);
    expect(events.attemptsAtMs).toHaveLength(2);
  });
});
