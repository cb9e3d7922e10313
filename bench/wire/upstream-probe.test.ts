/**
 * Both upstream paths against the real servers: what each message costs up and down, measured at
 * the sockets, while a stream flows the other way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import { encodeUpstreamAck } from '../../servers/upstream-endpoints.js';
import { wsFrameBytes } from './frame-sizes.js';
import { startWireServer, waitForServerTotals } from './in-process-server.js';
import { makeUpstreamBody } from './upstream-body.js';
import { runUpstreamProbe, type UpstreamMethod, type UpstreamProbeResult } from './upstream-probe.js';
import { buildStreamUrl } from './wire-server-config.js';

const MESSAGES = 400;
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function sendUpstream(
  method: UpstreamMethod,
  payloadBytes: number,
): Promise<{ result: UpstreamProbeResult; server: RunningServer }> {
  const server = await startWireServer(method === 'ws-frames' ? 'ws' : 'sse');
  servers.push(server);
  const downstream = { payloadBytes: 64, kind: 'text' as const, count: 0, ratePerSec: 2000 };
  const streamUrl = buildStreamUrl(server.url, method === 'ws-frames' ? '/upstream' : '/stream', downstream);
  const result = await runUpstreamProbe({
    method,
    streamUrl,
    postUrl: new URL('/upstream', server.url).href,
    messages: MESSAGES,
    inFlight: 4,
    payloadBytes,
  });
  return { result, server };
}

describe('upstream: WS frames on the stream socket', () => {
  it('costs a masked frame up and an !ack frame down per message, exactly', async () => {
    const { result, server } = await sendUpstream('ws-frames', 16);
    expect(result.bodyBytes).toBe(Buffer.byteLength(makeUpstreamBody(16)));
    expect(result.upstreamBytesUp).toBe(MESSAGES * wsFrameBytes(result.bodyBytes, { masked: true }));
    expect(result.ackBytesDown).toBe(
      MESSAGES * wsFrameBytes(Buffer.byteLength(encodeUpstreamAck(1)), { masked: false }),
    );
    expect(server.counters.upstreamReceived).toBe(MESSAGES);
  });
});

describe('upstream: one HTTP POST per message', () => {
  it('carries a request head with every message: more than 100 bytes beyond the body, the same each time', async () => {
    const { result, server } = await sendUpstream('sse-post', 16);
    const bytesUpPerMessage = result.upstreamBytesUp / MESSAGES;
    expect(Number.isInteger(bytesUpPerMessage)).toBe(true);
    expect(bytesUpPerMessage).toBeGreaterThan(16 + 100);
    expect(bytesUpPerMessage - result.bodyBytes).toBeGreaterThan(100);
    // Each 204 answer is a status line and headers: also over 100 bytes, against an 8-byte !ack frame.
    expect(result.ackBytesDown / MESSAGES).toBeGreaterThan(100);
    expect(server.counters.upstreamReceived).toBe(MESSAGES);
  });

  it('counts every POST connection, so the client and the server agree on every byte', async () => {
    const { result, server } = await sendUpstream('sse-post', 1024);
    const client = result.connections.reduce(
      (total, c) => ({ bytesUp: total.bytesUp + c.bytesUp, bytesDown: total.bytesDown + c.bytesDown }),
      { bytesUp: 0, bytesDown: 0 },
    );
    const totals = await waitForServerTotals(server, client);
    expect({ read: totals.bytesRead, written: totals.bytesWritten }).toEqual({
      read: client.bytesUp,
      written: client.bytesDown,
    });
    expect(result.connections.map((c) => c.label)).toEqual(['sse stream', 'post#1', 'post#2', 'post#3', 'post#4']);
  });
});

describe('upstream: both paths', () => {
  for (const method of ['ws-frames', 'sse-post'] as const) {
    it(`${method}: times every round trip while the downstream keeps flowing`, async () => {
      const { result } = await sendUpstream(method, 16);
      expect(result.acknowledged).toBe(MESSAGES);
      expect(result.latencyMetrics['latency_p50_us']).toBeGreaterThan(0);
      expect(result.downstreamMessages).toBeGreaterThan(0);
      expect(result.latencyMetrics['downstream_latency_p50_us']).toBeGreaterThan(0);
      expect(result.errorCounts).toEqual({});
    });
  }
});
