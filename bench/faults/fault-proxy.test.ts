/**
 * Known-answer tests: each fault is checked against a tiny loopback server whose output is known,
 * from the receiving client's point of view. Timing bounds are generous (a shared 2-core machine).
 */
import { createHook } from 'node:async_hooks';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import {
  connectLoopback,
  patternBytes,
  recordUntilClosed,
  startEchoServer,
  startPayloadServer,
  startTickerServer,
  type LoopbackServer,
} from '../../test/support/loopback-fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function upstream(server: Promise<LoopbackServer>): Promise<LoopbackServer> {
  const started = await server;
  cleanups.push(() => started.close());
  return started;
}

async function proxyTo(server: LoopbackServer): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: server.port });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function client(port: number): Promise<Socket> {
  const socket = await connectLoopback(port);
  cleanups.push(() => void socket.destroy());
  return socket;
}

function sleepMs(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Round trips of one byte through an echo server; returns each in ms. */
async function measureRoundTripsMs(socket: Socket, count: number): Promise<number[]> {
  const roundTripsMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const startMs = performance.now();
    const echoed = new Promise((resolve) => socket.once('data', resolve));
    socket.write('x');
    await echoed;
    roundTripsMs.push(performance.now() - startMs);
  }
  return roundTripsMs;
}

/** Connects, sends a probe, and says whether the echo came back (false on reset or close). */
async function probeEcho(port: number): Promise<boolean> {
  const socket = await connectLoopback(port).catch(() => undefined);
  if (socket === undefined) return false;
  const recording = recordUntilClosed(socket);
  socket.write('ping');
  const echoed = await new Promise<boolean>((resolve) => {
    socket.once('data', () => resolve(true));
    socket.once('close', () => resolve(false));
  });
  socket.destroy();
  await recording;
  return echoed;
}

/** Counts open TCP handles (servers and sockets), measured outside any callback. */
async function countTcpHandles(): Promise<Record<string, number>> {
  await new Promise((resolve) => setImmediate(resolve));
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind.startsWith('TCP')) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * Tracks timers created by the proxy's own modules (not by tests, fixtures or vitest, whose
 * internal timers make a global count useless): their ids live from init to destroy.
 */
function trackProxyTimers(): { liveCount(): Promise<number>; stop(): void } {
  const live = new Set<number>();
  const proxyFrame = /bench[\\/]faults[\\/](?!loopback-fixtures)[a-z-]+\.ts/;
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout' && proxyFrame.test(new Error().stack ?? '')) live.add(asyncId);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    liveCount: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return live.size;
    },
    stop: () => void hook.disable(),
  };
}

describe('fault proxy', () => {
  it('adds about 50 ms to a round trip with 50 ms of downstream latency', async () => {
    const echo = await upstream(startEchoServer());
    const proxy = await proxyTo(echo);
    proxy.setFault({ kind: 'latency', direction: 'down', latencyMs: 50 });
    const direct = await client(echo.port);
    const proxied = await client(proxy.port);
    const directMs = median(await measureRoundTripsMs(direct, 10));
    const proxiedMs = median(await measureRoundTripsMs(proxied, 10));
    expect(proxiedMs - directMs).toBeGreaterThan(40);
    expect(proxiedMs - directMs).toBeLessThan(150);
  });

  it('keeps byte order when jitter exceeds the gap between chunks (upstream direction)', async () => {
    const proxy = await proxyTo(await upstream(startEchoServer()));
    proxy.setFault({ kind: 'latency', direction: 'up', latencyMs: 20, jitterMs: 20 });
    const socket = await client(proxy.port);
    const sent = Array.from({ length: 100 }, (_, i) => `<${i}>`).join('');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    for (let i = 0; i < 100; i++) {
      socket.write(`<${i}>`);
      await sleepMs(1);
    }
    await sleepMs(200);
    expect(Buffer.concat(received).toString()).toBe(sent);
    expect(proxy.stats().bytesForwarded).toEqual({ up: sent.length, down: sent.length });
  });

  it('passes a stream no fault touches at once, in order, and a fault set mid-stream acts on the next chunk', async () => {
    const proxy = await proxyTo(await upstream(startEchoServer()));
    const socket = await client(proxy.port);
    const sent = Array.from({ length: 2000 }, (_, i) => `<${i}>`).join('');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    for (let i = 0; i < 2000; i++) socket.write(`<${i}>`);
    while (Buffer.concat(received).length < sent.length) await sleepMs(5);
    expect(Buffer.concat(received).toString()).toBe(sent);
    expect(proxy.stats().bytesForwarded).toEqual({ up: sent.length, down: sent.length });
    proxy.setFault({ kind: 'latency', direction: 'up', latencyMs: 100 });
    const [roundTripMs] = await measureRoundTripsMs(socket, 1);
    expect(roundTripMs).toBeGreaterThan(90);
  });

  it('changes no byte of a 64 KiB stream when slicing it into 1-byte segments', async () => {
    const payload = patternBytes(64 * 1024);
    const proxy = await proxyTo(await upstream(startPayloadServer(payload, 'end')));
    proxy.setFault({ kind: 'slice', sliceBytes: 1 });
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.endedBy).toBe('end');
    expect(Buffer.concat(recording.chunks).equals(payload)).toBe(true);
    expect(proxy.stats().bytesForwarded.down).toBe(payload.length);
  });

  it('cuts the stream exactly at the chosen offsets', async () => {
    const proxy = await proxyTo(await upstream(startPayloadServer(patternBytes(100), 'end')));
    proxy.setFault({ kind: 'slice', atOffsets: [10, 25, 60], sliceDelayMs: 40 });
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.chunks.map((chunk) => chunk.length)).toEqual([10, 15, 35, 40]);
  });

  it('resets the client (ECONNRESET) after exactly the given number of bytes', async () => {
    const payload = patternBytes(64 * 1024);
    const proxy = await proxyTo(await upstream(startPayloadServer(payload, 'hold')));
    proxy.setFault({ kind: 'reset', afterBytes: 1000, delayMs: 20 });
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.errorCode).toBe('ECONNRESET');
    expect(Buffer.concat(recording.chunks).equals(payload.subarray(0, 1000))).toBe(true);
    expect(proxy.stats().connectionsResetByProxy).toBe(1);
  });

  it('cuts the stream at the given bytes with an RST right behind the data (delayMs 0)', async () => {
    // Node on Linux may report this as a clean 'end' (see ResetFault): only the cut is asserted.
    const proxy = await proxyTo(await upstream(startPayloadServer(patternBytes(64 * 1024), 'hold')));
    proxy.setFault({ kind: 'reset', afterBytes: 1000 });
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(Buffer.concat(recording.chunks).length).toBeLessThanOrEqual(1000);
    expect(proxy.stats().connectionsResetByProxy).toBe(1);
    expect(proxy.stats().bytesForwarded.down).toBe(1000);
  });

  it('resets open connections at once when a reset fault is set mid-stream, and on resetAll()', async () => {
    const proxy = await proxyTo(await upstream(startTickerServer(20, 10)));
    const first = recordUntilClosed(await client(proxy.port));
    await sleepMs(100);
    proxy.setFault({ kind: 'reset' });
    expect((await first).errorCode).toBe('ECONNRESET');
    proxy.clearFault('reset');
    const second = recordUntilClosed(await client(proxy.port));
    await sleepMs(100);
    proxy.resetAll();
    const secondRecording = await second;
    expect(secondRecording.errorCode).toBe('ECONNRESET');
    expect(secondRecording.chunks.length).toBeGreaterThan(0);
  });

  it('black-holes the stream: no data and no close while set, data again once cleared', async () => {
    const proxy = await proxyTo(await upstream(startTickerServer(20, 10)));
    proxy.setFault({ kind: 'blackhole', direction: 'down' });
    const socket = await client(proxy.port);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const recording = recordUntilClosed(socket);
    await sleepMs(300);
    expect(received).toHaveLength(0);
    expect(socket.destroyed || socket.readableEnded).toBe(false);
    expect(proxy.connections()).toBe(1);
    expect(proxy.stats().bytesDropped.down).toBeGreaterThan(0);
    proxy.clearFault('blackhole');
    await sleepMs(150);
    expect(received.length).toBeGreaterThan(0);
    socket.destroy();
    await recording;
  });

  it('truncates: exactly N bytes, then a clean end', async () => {
    const payload = patternBytes(64 * 1024);
    const proxy = await proxyTo(await upstream(startPayloadServer(payload, 'hold')));
    proxy.setFault({ kind: 'truncate', afterBytes: 1234 });
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.endedBy).toBe('end');
    expect(Buffer.concat(recording.chunks).equals(payload.subarray(0, 1234))).toBe(true);
    expect(proxy.stats().connectionsTruncated).toBe(1);
  });

  it('refuses connections while set and accepts them again once cleared', async () => {
    const proxy = await proxyTo(await upstream(startEchoServer()));
    expect(await probeEcho(proxy.port)).toBe(true);
    proxy.setFault({ kind: 'refuse' });
    expect(await probeEcho(proxy.port)).toBe(false);
    expect(await probeEcho(proxy.port)).toBe(false);
    proxy.clearFault('refuse');
    expect(await probeEcho(proxy.port)).toBe(true);
    expect(proxy.stats().connectionsRefused).toBe(2);
  });

  it('resets the client and counts a connect error when the upstream is down', async () => {
    const gone = await startEchoServer();
    await gone.close();
    const proxy = await proxyTo(gone);
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.errorCode).toBe('ECONNRESET');
    expect(proxy.stats().errorCounts).toEqual({ connect: 1 });
    expect(proxy.connections()).toBe(0);
  });

  it('takes about 250 ms to deliver 64 KiB at 256 KiB/s', async () => {
    const payload = patternBytes(64 * 1024);
    const proxy = await proxyTo(await upstream(startPayloadServer(payload, 'end')));
    proxy.setFault({ kind: 'bandwidth', bytesPerSec: 256 * 1024 });
    const startMs = performance.now();
    const recording = await recordUntilClosed(await client(proxy.port));
    const durationMs = performance.now() - startMs;
    expect(Buffer.concat(recording.chunks).equals(payload)).toBe(true);
    expect(durationMs).toBeGreaterThan(200);
    expect(durationMs).toBeLessThan(600);
  });

  it('delays the FIN by closeDelayMs under slow close', async () => {
    const proxy = await proxyTo(await upstream(startPayloadServer(patternBytes(10), 'end')));
    proxy.setFault({ kind: 'slow-close', closeDelayMs: 200 });
    const startMs = performance.now();
    const recording = await recordUntilClosed(await client(proxy.port));
    expect(recording.endedBy).toBe('end');
    expect(performance.now() - startMs).toBeGreaterThan(180);
  });

  it('applies a schedule: black hole from 100 ms, cleared at 300 ms', async () => {
    const proxy = await proxyTo(await upstream(startTickerServer(10, 1)));
    const socket = await client(proxy.port);
    const arrivalsMs: number[] = [];
    const startMs = performance.now();
    socket.on('data', () => arrivalsMs.push(performance.now() - startMs));
    const outcome = await proxy.runSchedule([
      { atMs: 100, set: { kind: 'blackhole' } },
      { atMs: 300, clear: 'blackhole' },
    ]).done;
    await sleepMs(100);
    expect(outcome).toEqual({ stepsApplied: 2, cancelled: false });
    // No arrival well inside the window; arrivals on both sides of it.
    expect(arrivalsMs.filter((ms) => ms > 150 && ms < 290)).toHaveLength(0);
    expect(arrivalsMs.some((ms) => ms < 100)).toBe(true);
    expect(arrivalsMs.some((ms) => ms > 300)).toBe(true);
  });

  it('leaves no socket or timer behind after close(), even with data in flight', async () => {
    const ticker = await upstream(startTickerServer(10, 100));
    await sleepMs(50); // let handles closed by earlier tests leave the list
    const baseline = await countTcpHandles();
    const timers = trackProxyTimers();
    cleanups.push(() => timers.stop());
    const proxy = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: ticker.port });
    proxy.setFault({ kind: 'latency', latencyMs: 500 });
    proxy.setFault({ kind: 'slice', sliceBytes: 7, sliceDelayMs: 5 });
    proxy.runSchedule([{ atMs: 10_000, set: { kind: 'refuse' } }]);
    const socket = await connectLoopback(proxy.port);
    const recording = recordUntilClosed(socket);
    await sleepMs(100);
    expect(proxy.connections()).toBe(1);
    expect(await timers.liveCount()).toBeGreaterThan(0);
    await proxy.close();
    await recording;
    expect(proxy.connections()).toBe(0);
    expect(await countTcpHandles()).toEqual(baseline);
    expect(await timers.liveCount()).toBe(0);
  });
});
