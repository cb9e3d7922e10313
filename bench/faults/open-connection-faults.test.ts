/**
 * Known-answer tests of what the proxy offers the reconnect scenarios: faults on the connections
 * open now only (so a reconnect escapes them), re-pointing the upstream, coming back on a fixed
 * port, and a reset that must finish even when a socket has just sent its FIN.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSocket } from './fault-connection.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import {
  connectLoopback,
  recordUntilClosed,
  startEchoServer,
  startPayloadServer,
  startTickerServer,
  type LoopbackServer,
} from '../../test/support/loopback-fixtures.js';
import { FaultConfigError } from './validate-fault.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function upstream(server: Promise<LoopbackServer>): Promise<LoopbackServer> {
  const started = await server;
  cleanups.push(() => started.close());
  return started;
}

async function proxyTo(port: number, listenPort?: number): Promise<FaultProxy> {
  const proxy = await startFaultProxy({
    upstreamHost: '127.0.0.1',
    upstreamPort: port,
    ...(listenPort === undefined ? {} : { listenPort }),
  });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function client(port: number): Promise<Socket> {
  const socket = await connectLoopback(port);
  cleanups.push(() => void socket.destroy());
  return socket;
}

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts what a socket receives from now on (reading at once, so nothing waits in its buffer). */
function countBytes(socket: Socket): { total(): number } {
  let bytes = 0;
  socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
  return { total: () => bytes };
}

describe('faults on the open connections only', () => {
  it('black-holes the connections open now and lets a new one through (a half-open path)', async () => {
    const proxy = await proxyTo((await upstream(startTickerServer(10, 10))).port);
    const old = await client(proxy.port);
    const oldBytes = countBytes(old);
    await sleepMs(50);
    expect(proxy.faultOpenConnections({ kind: 'blackhole', direction: 'both' })).toBe(1);
    await sleepMs(30); // chunks already in flight
    const bytesAtFault = oldBytes.total();
    const freshBytes = countBytes(await client(proxy.port));
    await sleepMs(200);
    expect(bytesAtFault).toBeGreaterThan(0);
    expect(oldBytes.total()).toBe(bytesAtFault);
    expect(freshBytes.total()).toBeGreaterThan(0);
    expect(old.destroyed || old.readableEnded).toBe(false);
    expect(proxy.stats().bytesDropped.down).toBeGreaterThan(0);
  });

  it('truncates each open connection afterBytes beyond what it has forwarded so far, mid-write', async () => {
    const proxy = await proxyTo((await upstream(startTickerServer(10, 100))).port);
    const recording = recordUntilClosed(await client(proxy.port));
    await sleepMs(60);
    const forwardedBytes = proxy.stats().bytesForwarded.down;
    proxy.faultOpenConnections({ kind: 'truncate', afterBytes: 50 });
    const result = await recording;
    expect(result.endedBy).toBe('end');
    expect(Buffer.concat(result.chunks).length).toBe(forwardedBytes + 50);
    expect(forwardedBytes % 100).toBe(0);
    expect(proxy.stats().connectionsTruncated).toBe(1);
  });

  it('accepts only blackhole, reset and truncate', async () => {
    const proxy = await proxyTo((await upstream(startEchoServer())).port);
    expect(() => proxy.faultOpenConnections({ kind: 'latency', latencyMs: 5 })).toThrow(FaultConfigError);
    expect(() => proxy.faultOpenConnections({ kind: 'refuse' })).toThrow(/blackhole, reset, truncate/);
  });
});

describe('a proxy that follows a restarted server', () => {
  it('sends new connections to the new upstream port, and keeps old ones where they were', async () => {
    const first = await upstream(startPayloadServer(Buffer.from('first'), 'hold'));
    const second = await upstream(startPayloadServer(Buffer.from('second'), 'hold'));
    const proxy = await proxyTo(first.port);
    const old = await client(proxy.port);
    const oldData = new Promise<string>((resolve) => old.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(await oldData).toBe('first');
    proxy.setUpstream(second.port);
    const fresh = await client(proxy.port);
    expect(
      await new Promise<string>((resolve) => fresh.once('data', (chunk: Buffer) => resolve(chunk.toString()))),
    ).toBe('second');
    expect(() => proxy.setUpstream(0)).toThrow(/port must be an integer in 1\.\.65535/);
  });

  it('comes back up on the same port', async () => {
    const echo = await upstream(startEchoServer());
    const first = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: echo.port });
    const port = first.port;
    await first.close();
    const again = await proxyTo(echo.port, port);
    expect(again.port).toBe(port);
    const socket = await client(again.port);
    socket.write('ping');
    expect(
      await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString()))),
    ).toBe('ping');
  });
});

describe('resetSocket on a socket whose FIN has just been sent', () => {
  it('still closes it: libuv refuses an RST during the shutdown, and Node would then never emit close', async () => {
    const echo = await upstream(startEchoServer());
    const socket = await connectLoopback(echo.port);
    cleanups.push(() => void socket.destroy());
    const errors: string[] = [];
    socket.on('error', (error) => errors.push(error.message));
    const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
    socket.end(); // what the proxy does when it passes a FIN on
    resetSocket(socket); // what it does when the other side resets in the same turn
    expect(await Promise.race([closed, sleepMs(1000).then(() => false)])).toBe(true);
    expect(errors).toEqual([]);
  });
});
