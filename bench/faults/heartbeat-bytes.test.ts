/** The heartbeat sizes the long-lived metrics multiply by, checked against raw socket bytes. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from '../../servers/http-util.js';
import { startTestServer } from '../../test/support/server-helpers.js';
import { sseHeartbeatBytes, wsHeartbeatBytes } from './heartbeat-bytes.js';

const HEARTBEAT_MS = 50;
/** One message a second: between the first and the second, only heartbeats flow. */
const QUIET_QUERY = '?rate=1&size=16';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(transport: 'sse' | 'ws'): Promise<RunningServer> {
  const running = await startTestServer(transport, { heartbeatMs: HEARTBEAT_MS });
  cleanups.push(() => running.close());
  return running;
}

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('heartbeat bytes on the socket', () => {
  it('SSE: each heartbeat is one HTTP chunk of sseHeartbeatBytes() bytes, server to client only', async () => {
    const { port } = await server('sse');
    const socket: Socket = connect(port, '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(`GET /stream${QUIET_QUERY} HTTP/1.1\r\nhost: x\r\naccept: text/event-stream\r\n\r\n`);
    await sleepMs(150); // headers, retry:, the first event
    const writtenBefore = socket.bytesWritten;
    const quietFrom = chunks.length;
    await sleepMs(600);
    const quiet = Buffer.concat(chunks.slice(quietFrom)).toString('latin1');
    const oneHeartbeat = '3\r\n:\n\n\r\n';
    expect(oneHeartbeat.length).toBe(sseHeartbeatBytes());
    expect(quiet.length).toBeGreaterThanOrEqual(5 * sseHeartbeatBytes());
    expect(quiet).toBe(oneHeartbeat.repeat(quiet.length / oneHeartbeat.length));
    expect(socket.bytesWritten).toBe(writtenBefore);
  });

  it('WS: each heartbeat is a 2-byte ping down and a 6-byte masked pong up, wsHeartbeatBytes() in all', async () => {
    const { port } = await server('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/stream${QUIET_QUERY}`, { perMessageDeflate: false });
    cleanups.push(() => ws.terminate());
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    await sleepMs(150);
    const socket = (ws as unknown as { _socket: Socket })._socket;
    let pings = 0;
    ws.on('ping', () => pings++);
    const before = { read: socket.bytesRead, written: socket.bytesWritten };
    await sleepMs(600);
    const read = socket.bytesRead - before.read;
    const written = socket.bytesWritten - before.written;
    expect(pings).toBeGreaterThanOrEqual(5);
    expect(read).toBe(2 * pings);
    expect(written).toBe(6 * pings);
    expect(read + written).toBe(pings * wsHeartbeatBytes());
  });
});
