/** The idle-timeout fault: a path that closes quiet connections, and leaves busy ones alone. */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import {
  connectLoopback,
  recordUntilClosed,
  startPayloadServer,
  startTickerServer,
  type LoopbackServer,
} from '../../test/support/loopback-fixtures.js';
import { validateFault } from './validate-fault.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyIn(front: Promise<LoopbackServer>): Promise<FaultProxy> {
  const server = await front;
  cleanups.push(() => server.close());
  const proxy = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: server.port });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function client(port: number): Promise<Socket> {
  const socket = await connectLoopback(port);
  cleanups.push(() => void socket.destroy());
  return socket;
}

describe('idle-timeout fault', () => {
  it('closes a connection with a FIN once nothing has flowed downstream for idleMs', async () => {
    const proxy = await proxyIn(startPayloadServer(Buffer.from('hello'), 'hold'));
    proxy.setFault({ kind: 'idle-timeout', idleMs: 300 });
    const startMs = performance.now();
    const recording = await recordUntilClosed(await client(proxy.port));
    const livedMs = performance.now() - startMs;
    expect(recording.endedBy).toBe('end');
    expect(Buffer.concat(recording.chunks).toString()).toBe('hello');
    expect(livedMs).toBeGreaterThan(250);
    expect(livedMs).toBeLessThan(1500);
    expect(proxy.stats().connectionsIdleClosed).toBe(1);
  });

  it('leaves a connection alone while bytes keep flowing faster than the timeout (a heartbeat)', async () => {
    const proxy = await proxyIn(startTickerServer(50, 1));
    proxy.setFault({ kind: 'idle-timeout', idleMs: 300 });
    const socket = await client(proxy.port);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(socket.readableEnded || socket.destroyed).toBe(false);
    expect(proxy.stats().connectionsIdleClosed).toBe(0);
  });

  it('applies to connections already open when it is set', async () => {
    const proxy = await proxyIn(startPayloadServer(Buffer.from('x'), 'hold'));
    const recording = recordUntilClosed(await client(proxy.port));
    await new Promise((resolve) => setTimeout(resolve, 400));
    proxy.setFault({ kind: 'idle-timeout', idleMs: 200 });
    expect((await recording).endedBy).toBe('end');
  });

  it('validates idleMs', () => {
    expect(() => validateFault({ kind: 'idle-timeout', idleMs: 0 })).toThrow(
      'fault.idleMs must be a finite number > 0, got 0',
    );
    expect(validateFault({ kind: 'idle-timeout', idleMs: 60_000 })).toEqual({
      kind: 'idle-timeout',
      direction: 'down',
      idleMs: 60_000,
    });
  });
});
