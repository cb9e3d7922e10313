/**
 * The Python and Java clients against our servers (in-process, port 0): every message once and in
 * order, integrity faults counted exactly, latency measured, and each way of stopping (end marker,
 * count, duration, refusal) reported as such. Needs python3, java and javac; a missing one fails
 * the suite with its install command, as it fails the benchmark's cells.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { liveForeignCount } from '../../bench/polyglot/foreign-process.js';
import { runForeignClient } from '../../test/support/polyglot-helpers.js';
import type { RunningServer } from '../../servers/http-util.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { startTestServer } from '../../test/support/server-helpers.js';

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  expect(liveForeignCount()).toBe(0);
});

async function serve(transport: 'sse' | 'ws', overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const server = await startTestServer(transport, overrides);
  servers.push(server);
  return server;
}

function streamUrl(server: RunningServer, query: string): string {
  const url = new URL(server.url);
  url.search = query;
  return url.href;
}

describe.each(['python', 'java'] as const)('%s clients', (language) => {
  describe.each(['sse', 'ws'] as const)('over %s', (transport) => {
    it('receive a bounded stream once, in order, to its end marker, with one-way latency', async () => {
      const server = await serve(transport);
      const summary = await runForeignClient(language, transport, [
        streamUrl(server, 'rate=2000&count=400&size=64'),
        '--expect-first-seq',
        '1',
        '--warmup-count',
        '100',
      ]);
      expect(summary).toMatchObject({
        works: true,
        error: null,
        stop_reason: 'end',
        received: 400,
        unique: 400,
        first_seq: 1,
        end_seq: 400,
        lost: 0,
        duplicated: 0,
        reordered: 0,
        corrupted: 0,
        latency_samples: 300,
      });
      expect(summary.exitCode).toBe(0);
      expect(summary.latency_p50_us).toBeGreaterThan(0);
      expect(summary.latency_p99_us).toBeGreaterThanOrEqual(summary.latency_p50_us!);
      // Below a second: a clock with another origin would be off by hours, not microseconds.
      expect(summary.latency_p50_us).toBeLessThan(1_000_000);
      expect(summary.body_bytes_read).toBeGreaterThan(400 * 64);
    });

    it('count skipped, repeated and corrupted messages exactly', async () => {
      const server = await serve(transport, { inject: { skipEvery: 7, repeatEvery: 11, corruptEvery: 13 } });
      const summary = await runForeignClient(language, transport, [
        streamUrl(server, 'rate=5000&count=100'),
        '--expect-first-seq',
        '1',
      ]);
      // 100 messages: 14 multiples of 7 skipped; 11..99 repeated except 77 (skipped); 13..78 corrupted (91 skipped).
      expect(summary).toMatchObject({ end_seq: 100, lost: 14, duplicated: 8, corrupted: 6 });
    });

    it('stop at the duration on an endless stream, cleanly', async () => {
      const server = await serve(transport);
      const summary = await runForeignClient(language, transport, [
        streamUrl(server, 'rate=200'),
        '--duration-ms',
        '800',
      ]);
      expect(summary).toMatchObject({ works: true, error: null, stop_reason: 'duration', lost: 0, duplicated: 0 });
      expect(summary.received).toBeGreaterThan(20);
    });

    it('stop after --count messages', async () => {
      const server = await serve(transport);
      const summary = await runForeignClient(language, transport, [
        streamUrl(server, 'rate=2000&count=1000'),
        '--count',
        '50',
      ]);
      expect(summary).toMatchObject({ works: true, stop_reason: 'count', received: 50, end_seq: null });
    });

    it('report a refused connection as a categorised error and exit 1', async () => {
      const server = await serve(transport);
      const summary = await runForeignClient(language, transport, [new URL('/no-such-route', server.url).href]);
      expect(summary).toMatchObject({ works: false, received: 0, error: { category: 'http-status' } });
      expect(summary.exitCode).toBe(1);
    });
  });

  it('POST a JSON prompt to /llm with Accept: text/event-stream and read the token stream (the seed client)', async () => {
    const server = await serve('sse');
    const body = JSON.stringify({ prompt: 'hello', tokens: 30, tokenDelayMs: 2 });
    const summary = await runForeignClient(language, 'sse', [
      new URL('/llm', server.url).href,
      '--method',
      'POST',
      '--body',
      body,
      '--expect-first-seq',
      '1',
    ]);
    expect(summary).toMatchObject({ works: true, stop_reason: 'end', received: 30, end_seq: 30, lost: 0 });
    expect(summary.latency_p50_us).toBeGreaterThan(0);
  });

  it('read WS frames with 16-bit and 64-bit lengths, text and binary', async () => {
    const server = await serve('ws');
    for (const query of ['size=300&kind=text', 'size=70000&kind=text', 'size=70000&kind=binary']) {
      const summary = await runForeignClient(language, 'ws', [
        streamUrl(server, `rate=500&count=20&${query}`),
        '--expect-first-seq',
        '1',
      ]);
      expect(summary, query).toMatchObject({ works: true, stop_reason: 'end', received: 20, lost: 0, corrupted: 0 });
    }
  });

  it('answer WS pings, so a server that drops silent peers keeps the connection', async () => {
    // The server terminates a peer that has not answered the previous ping within 50 ms.
    const server = await serve('ws', { heartbeatMs: 50 });
    const summary = await runForeignClient(language, 'ws', [
      streamUrl(server, 'rate=100&count=60'),
      '--expect-first-seq',
      '1',
    ]);
    expect(summary).toMatchObject({ works: true, stop_reason: 'end', lost: 0 });
    expect(summary.pings_answered).toBeGreaterThanOrEqual(5);
  });
});
