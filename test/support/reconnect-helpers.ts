/**
 * Test helpers for the reconnecting clients: a sink that keeps what it gets, a listener that keeps
 * what happened when, and small loopback HTTP servers whose every request a test can answer.
 * Kept out of the *.test.ts files so the SSE and WS suites share them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConnectionError } from '../../clients/connection.js';
import type { MessageSink } from '../../clients/receiver.js';
import type { ReconnectListener, ReconnectOptions } from '../../clients/reconnecting-client.js';

/** Keeps the text of every message; its lastSeq is whatever the test sets. */
export interface RecordingSink extends MessageSink {
  texts: string[];
  ended?: number;
  lastSeq: number | undefined;
}

export function createRecordingSink(): RecordingSink {
  const sink: RecordingSink = {
    texts: [],
    lastSeq: undefined,
    onText: (text) => void sink.texts.push(text),
    onBinary: (frame) => void sink.texts.push(frame.toString()),
    onEnd: (lastSeq) => void (sink.ended = lastSeq),
  };
  return sink;
}

/** What the client reported, with performance.now() times in ms. */
export interface RecordedEvents extends ReconnectListener {
  attemptsAtMs: number[];
  opensAtMs: number[];
  drops: { error: ConnectionError; atMs: number }[];
  failures: ConnectionError[];
  heartbeats: number;
}

export function recordEvents(): RecordedEvents {
  const events: RecordedEvents = {
    attemptsAtMs: [],
    opensAtMs: [],
    drops: [],
    failures: [],
    heartbeats: 0,
    onAttempt: () => void events.attemptsAtMs.push(performance.now()),
    onOpen: () => void events.opensAtMs.push(performance.now()),
    onDrop: (error) => void events.drops.push({ error, atMs: performance.now() }),
    onAttemptFailed: (error) => void events.failures.push(error),
    onHeartbeat: () => void events.heartbeats++,
  };
  return events;
}

/** Options for a test client: short waits so a test takes well under a second per reconnect. */
export function testOptions(
  url: string,
  sink: MessageSink,
  listener: ReconnectListener,
  overrides: Partial<ReconnectOptions> = {},
): ReconnectOptions {
  return {
    url: new URL(url),
    sink,
    resume: true,
    backoff: { baseMs: 50, maxMs: 1000 },
    connectTimeoutMs: 1000,
    idleTimeoutMs: 0,
    listener,
    ...overrides,
  };
}

export interface ScriptedServer {
  url: string;
  /** Every request received, in order. */
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** An HTTP server on port 0 that answers request n (0-based) with `answer(n, req, res)`. */
export async function startScriptedServer(
  answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<ScriptedServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    answer(requests.length - 1, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
