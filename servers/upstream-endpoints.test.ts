/** The upstream endpoints: checked envelopes acknowledged, anything else refused. */
import http from 'node:http';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { checksumOf, encodeText } from './envelope.js';
import type { RunningServer } from './http-util.js';
import { startTestServer } from '../test/support/server-helpers.js';
import { decodeUpstreamAck, encodeUpstreamAck } from './upstream-endpoints.js';

const servers: RunningServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
});

const envelope = (seq: number, payload = 'hello'): string =>
  encodeText({ streamId: 0, seq, scheduledNs: 0n, kind: 'text', payload, checksum: checksumOf(payload) });

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /upstream (SSE server)', () => {
  it('answers 204 to an envelope and counts it', async () => {
    const server = await startTestServer('sse');
    servers.push(server);
    const answer = await post(new URL('/upstream', server.url).href, envelope(7));
    expect(answer).toEqual({ status: 204, text: '' });
    expect(server.counters.upstreamReceived).toBe(1);
  });

  it('refuses a body that is not an envelope, or whose checksum fails, with 400', async () => {
    const server = await startTestServer('sse');
    servers.push(server);
    const url = new URL('/upstream', server.url).href;
    expect((await post(url, 'not an envelope')).status).toBe(400);
    const tampered = envelope(1, 'hello').replace(/hello$/, 'jello');
    expect(await post(url, tampered)).toMatchObject({ status: 400, text: expect.stringMatching(/checksum/) });
    expect(server.counters.upstreamReceived).toBe(0);
  });
});

describe('WS /upstream', () => {
  async function open(server: RunningServer): Promise<WebSocket> {
    const url = new URL('/upstream', server.url);
    url.search = 'rate=1&size=16';
    const ws = new WebSocket(url);
    sockets.push(ws);
    await once(ws, 'open');
    return ws;
  }

  it('acknowledges every envelope frame with !ack <seq> on the same socket', async () => {
    const server = await startTestServer('ws');
    servers.push(server);
    const ws = await open(server);
    const acks: number[] = [];
    ws.on('message', (data: Buffer) => {
      const seq = decodeUpstreamAck(data.toString());
      if (seq !== undefined) acks.push(seq);
    });
    for (const seq of [3, 4, 5]) ws.send(envelope(seq));
    await expect.poll(() => acks, { timeout: 5000 }).toEqual([3, 4, 5]);
    expect(server.counters.upstreamReceived).toBe(3);
  });

  it('closes with 1007 on a frame that is not an envelope', async () => {
    const server = await startTestServer('ws');
    servers.push(server);
    const ws = await open(server);
    ws.send('garbage');
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1007);
  });

  it('round-trips the acknowledgement format', () => {
    expect(decodeUpstreamAck(encodeUpstreamAck(42))).toBe(42);
    expect(decodeUpstreamAck('0 1 2 t ff x')).toBeUndefined();
  });
});
