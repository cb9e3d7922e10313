/**
 * A stream whose origin is fixed outlives its server process: a restarted server continues the same
 * sequence and serves a resuming client what fell due while no server ran (kill-restart scenarios).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nowNs } from '../clients/clock.js';
import type { RunningServer } from './http-util.js';
import { collect, startTestServer } from '../test/support/server-helpers.js';

const RATE_QUERY = '?rate=1000&size=16';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(transport: 'sse' | 'ws', streamEpochNs?: number): Promise<RunningServer> {
  const running = await startTestServer(transport, streamEpochNs === undefined ? {} : { streamEpochNs });
  cleanups.push(() => running.close());
  return running;
}

/** The sequence numbers of the first `count` messages a new client gets. */
async function readUpTo(transport: 'sse' | 'ws', url: string, count: number, resumeAfter?: number): Promise<number[]> {
  const collected = collect(transport, `${url}${RATE_QUERY}`, resumeAfter);
  cleanups.push(() => collected.connection.close());
  const messages = await collected.waitFor(count);
  collected.connection.close();
  return messages.slice(0, count).map((m) => m.seq);
}

describe.each(['sse', 'ws'] as const)('a stream with a fixed origin (%s)', (transport) => {
  it('continues after a restart: a resuming client gets every message since its last, in order', async () => {
    const epochNs = nowNs();
    const first = await server(transport, epochNs);
    const before = await readUpTo(transport, first.url, 50);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 200)); // ~200 messages fall due with no server
    const restarted = await server(transport, epochNs);
    const lastSeen = before.at(-1)!;
    const after = await readUpTo(transport, restarted.url, 400, lastSeen);
    expect(after).toEqual(Array.from({ length: 400 }, (_, i) => lastSeen + 1 + i));
  });

  it('starts over at 1 on a restart without one (what resume could not survive)', async () => {
    const first = await server(transport);
    const before = await readUpTo(transport, first.url, 50);
    await first.close();
    const restarted = await server(transport);
    const after = await readUpTo(transport, restarted.url, 5, before.at(-1)!);
    expect(after[0]).toBe(1);
  });
});
