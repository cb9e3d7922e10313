/**
 * A server made to skip, repeat and corrupt messages on a known pattern must be reported exactly
 * so, by every transport's client: the harness's integrity figures are only worth what this proves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../servers/http-util.js';
import { startTestServer } from '../test/support/server-helpers.js';
import { runStreamClients } from './run-stream-clients.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const COUNT = 1000;
const multiples = (n: number) => Math.floor(COUNT / n);
// skip 7, repeat 11, corrupt 13: skipped messages are never repeated or corrupted.
const expected = {
  lost_count: multiples(7),
  duplicated_count: multiples(11) - multiples(77),
  corrupted_count: multiples(13) - multiples(91),
  reordered_count: 0,
};

describe.each(['sse', 'ws', 'tcp'] as const)('integrity over %s', (transport) => {
  it('reports injected skips, repeats and corruption exactly', async () => {
    server = await startTestServer(transport, { inject: { skipEvery: 7, repeatEvery: 11, corruptEvery: 13 } });
    const url = new URL(server.url);
    url.search = `rate=5000&count=${COUNT}`;
    const result = await runStreamClients(
      {
        transport,
        url: url.href,
        connections: 1,
        connectConcurrency: 1,
        warmupMs: 0,
        durationMs: 10_000,
        mode: 'full',
        perMessageDeflate: false,
        untilEnd: true,
      },
      () => undefined,
      new AbortController().signal,
    );
    // One connection: the stream starts when it subscribes, so it sees every fault from seq 1.
    // (A second subscriber would join mid-stream and could start on a repeated or skipped message.)
    expect(result.metrics).toMatchObject(expected);
  });

  it('reports a clean stream as clean, with latency recorded for every message', async () => {
    server = await startTestServer(transport);
    const url = new URL(server.url);
    url.search = `rate=5000&count=${COUNT}`;
    const result = await runStreamClients(
      {
        transport,
        url: url.href,
        connections: 1,
        connectConcurrency: 1,
        warmupMs: 0,
        durationMs: 10_000,
        mode: 'full',
        perMessageDeflate: false,
        untilEnd: true,
      },
      () => undefined,
      new AbortController().signal,
    );
    expect(result.metrics).toMatchObject({
      lost_count: 0,
      duplicated_count: 0,
      corrupted_count: 0,
      reordered_count: 0,
      messages_checked: COUNT,
    });
    // With no warm-up, only the messages of the first milliseconds (a timer's turn, more on a busy
    // machine: 5 a millisecond at this rate) land before the window opens.
    expect(result.metrics.messages_received).toBeGreaterThan(COUNT * 0.9);
    expect(result.metrics.latency_p50_us).toBeGreaterThan(0);
    expect(result.histograms.latency_us).toBeTypeOf('string');
  });
});
