import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './http-util.js';
import type { TransportName } from './server-config.js';
import { collect, startTestServer } from '../test/support/server-helpers.js';

let servers: RunningServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  cleanups.splice(0).forEach((c) => c());
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(transport: TransportName, overrides = {}): Promise<RunningServer> {
  const server = await startTestServer(transport, overrides);
  servers.push(server);
  return server;
}

function streamUrl(server: RunningServer, query: string): string {
  const url = new URL(server.url);
  url.search = query;
  return url.href;
}

describe.each(['sse', 'ws', 'tcp'] as const)('%s server', (transport) => {
  it('listens on a free port and serves a bounded stream in order, then ends', async () => {
    const server = await serve(transport);
    expect(server.port).toBeGreaterThan(0);
    const c = collect(transport, streamUrl(server, 'rate=2000&count=200&size=32&kind=json'));
    cleanups.push(() => c.connection.close());
    const messages = await c.waitFor(200);
    await c.waitFor(Infinity);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(messages.every((m) => m.checksumOk && m.kind === 'json' && (m.payload as string).length === 32)).toBe(true);
    expect(c.endedAt).toBe(200);
  });

  it('stamps messages with the open-loop schedule, 1/rate apart', async () => {
    const server = await serve(transport);
    const c = collect(transport, streamUrl(server, 'rate=1000&count=20'));
    cleanups.push(() => c.connection.close());
    const messages = await c.waitFor(20);
    const gapsNs = messages.slice(1).map((m, i) => m.scheduledNs - messages[i]!.scheduledNs);
    expect(new Set(gapsNs)).toEqual(new Set([1_000_000]));
  });

  it('resumes after the last sequence seen, with nothing lost or repeated', async () => {
    const server = await serve(transport);
    const url = streamUrl(server, 'rate=2000&stream=9');
    const first = collect(transport, url);
    await first.waitFor(50);
    first.connection.close();
    const lastSeen = first.messages.at(-1)!.seq;
    // The stream goes on without us (open loop); the replay buffer covers the gap.
    await new Promise((r) => setTimeout(r, 100));
    const second = collect(transport, url, lastSeen);
    cleanups.push(() => second.connection.close());
    const resumed = await second.waitFor(300);
    const seqs = resumed.map((m) => m.seq);
    expect(seqs[0]).toBe(lastSeen + 1);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => lastSeen + 1 + i));
  });

  it('carries binary payloads intact', async () => {
    const server = await serve(transport);
    const c = collect(transport, streamUrl(server, 'rate=1000&count=10&size=100&kind=binary'));
    cleanups.push(() => c.connection.close());
    const messages = await c.waitFor(10);
    expect(messages.every((m) => Buffer.isBuffer(m.payload) && m.payload.length === 100 && m.checksumOk)).toBe(true);
  });
});

describe('bad stream parameters', () => {
  it('SSE answers 400 naming the parameter', async () => {
    const server = await serve('sse');
    const res = await fetch(streamUrl(server, 'size=abc'));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/size must be an integer/);
  });
  it('WS refuses the upgrade with 400', async () => {
    const server = await serve('ws');
    const c = collect('ws', streamUrl(server, 'kind=xml'));
    await expect(c.connection.opened).rejects.toMatchObject({ category: 'http-status' });
  });
});
