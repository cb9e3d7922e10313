/** Reconnect mode's own deadline: a connecting phase that cannot finish becomes timeout:connecting, and leaves nothing running. */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientRunConfig } from './client-protocol.js';
import { sleepMs } from '../test/support/reconnect-helpers.js';
import { runReconnectClients } from './run-reconnect-clients.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Accepts connections and never answers: every handshake hangs. */
async function startSilentServer(): Promise<{ port: number; accepted(): number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.resume(); // read (and drop) the request, so the client's FIN is seen and the socket closes
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  );
  return { port: (server.address() as AddressInfo).port, accepted: () => accepted };
}

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP')).length;
}

describe.each(['sse', 'ws'] as const)('runReconnectClients (%s)', (transport) => {
  it('fails the connecting phase with timeout:connecting at its deadline, then stops every attempt', async () => {
    const silent = await startSilentServer();
    await sleepMs(20);
    const handlesBefore = tcpHandles();
    const config: ClientRunConfig = {
      transport,
      url: `${transport === 'sse' ? 'http' : 'ws'}://127.0.0.1:${silent.port}/stream`,
      connections: 3,
      connectConcurrency: 10,
      warmupMs: 0,
      durationMs: 100,
      mode: 'full',
      perMessageDeflate: false,
      untilEnd: false,
      reconnect: {
        resume: true,
        backoffBaseMs: 50,
        backoffMaxMs: 100,
        connectTimeoutMs: 100,
        idleTimeoutMs: 0,
        openDeadlineMs: 500,
      },
    };
    const phases: string[] = [];
    const startMs = performance.now();
    await expect(
      runReconnectClients(config, (phase) => phases.push(phase), new AbortController().signal),
    ).rejects.toMatchObject({ category: 'timeout:connecting' });
    expect(performance.now() - startMs).toBeLessThan(2000);
    expect(phases).toEqual(['connecting']);
    expect(silent.accepted()).toBeGreaterThan(3); // the handshake timeout made them retry
    await sleepMs(300);
    const acceptedAfterStop = silent.accepted();
    await sleepMs(300);
    expect(silent.accepted()).toBe(acceptedAfterStop); // no timer left retrying
    expect(tcpHandles()).toBe(handlesBefore);
  });
});
