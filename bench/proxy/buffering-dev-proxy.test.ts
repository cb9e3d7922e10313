/**
 * The dev-proxy model holds a response until a block fills or the response ends, so a short stream
 * arrives in one piece at its end (OBS-2), while a WebSocket upgrade passes straight through.
 * Timing checks are ratios with generous bounds: the machine is shared.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../clients/connection.js';
import { openConnection, prepareTransport } from '../../clients/open-connection.js';
import type { MessageSink } from '../../clients/receiver.js';
import { decodeBinary, decodeText } from '../../servers/envelope.js';
import type { TransportName } from '../../servers/server-config.js';
import { startTestServer } from '../../test/support/server-helpers.js';
import { BlockBuffer, startBufferingDevProxy, type BufferingProxy } from './buffering-dev-proxy.js';
import { throughProxy } from './run-proxy-cell.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface TimedStream {
  seqs: number[];
  /** ms from opening the connection to the first and to the last message. */
  firstEventMs: number;
  lastEventMs: number;
}

/** Reads a bounded stream to its end, timing its first and last message from the connect. */
async function timeStream(transport: TransportName, url: string): Promise<TimedStream> {
  await prepareTransport(transport);
  const startMs = performance.now();
  const seqs: number[] = [];
  const arrivalsMs: number[] = [];
  let connection: Connection | undefined;
  return new Promise((resolve, reject) => {
    const onMessage = (seq: number) => (seqs.push(seq), arrivalsMs.push(performance.now() - startMs));
    const sink: MessageSink = {
      onText: (text) => onMessage(decodeText(text).seq),
      onBinary: (frame) => onMessage(decodeBinary(frame).seq),
      onEnd: () =>
        resolve({ seqs, firstEventMs: arrivalsMs[0] ?? Number.NaN, lastEventMs: arrivalsMs.at(-1) ?? Number.NaN }),
      lastSeq: undefined,
    };
    void openConnection(transport, new URL(url), sink).then((opened) => {
      connection = opened;
      cleanups.push(() => connection?.close());
      opened.closed.then((error) => error && reject(new Error(`${error.category}: ${error.message}`)));
    });
  });
}

async function serverWithProxy(transport: TransportName): Promise<{ url: string; proxy: BufferingProxy }> {
  const server = await startTestServer(transport);
  cleanups.push(() => server.close());
  const proxy = await startBufferingDevProxy({ upstreamHost: '127.0.0.1', upstreamPort: server.port });
  cleanups.push(() => proxy.close());
  return { url: server.url, proxy };
}

const inOrder = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('BlockBuffer', () => {
  it('releases whole blocks as they fill and the remainder at the end, bytes unchanged', () => {
    const released: Buffer[] = [];
    const buffer = new BlockBuffer(16, (block) => released.push(Buffer.from(block)));
    const input = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'); // 46 bytes
    buffer.push(input.subarray(0, 10));
    expect(released).toEqual([]);
    buffer.push(input.subarray(10, 40));
    expect(released.map((b) => b.length)).toEqual([16, 16]);
    buffer.push(input.subarray(40));
    buffer.finish();
    expect(released.map((b) => b.length)).toEqual([16, 16, 14]);
    expect(Buffer.concat(released).equals(input)).toBe(true);
    buffer.finish();
    expect(released).toHaveLength(3);
  });
});

describe('the buffering dev-proxy model', () => {
  // 50 events 10 ms apart: about 6 KB, less than one 16 KiB block, spread over half a second. Each
  // read gets its own stream id: a second subscriber to an ended broadcast stream would get only its end.
  const shortStream = (streamId: number) => `?stream=${streamId}&rate=100&count=50&size=64`;

  it('delays an SSE stream shorter than a block until its end, then delivers it whole and in order', async () => {
    const { url, proxy } = await serverWithProxy('sse');
    const direct = await timeStream('sse', `${url}${shortStream(1)}`);
    const proxied = await timeStream('sse', throughProxy(`${url}${shortStream(2)}`, proxy.port));
    expect(direct.seqs).toEqual(inOrder(50));
    expect(proxied.seqs).toEqual(inOrder(50));
    // Direct, the first event comes at once and the stream takes ~0.5 s; proxied, all come together at the end.
    expect(proxied.firstEventMs / direct.firstEventMs).toBeGreaterThan(5);
    expect(proxied.firstEventMs).toBeGreaterThan(0.8 * direct.lastEventMs);
    expect(proxied.lastEventMs - proxied.firstEventMs).toBeLessThan((direct.lastEventMs - direct.firstEventMs) / 4);
    expect(proxy.blocksReleased()).toBe(1);
  });

  it('releases a longer SSE stream block by block, every message in order', async () => {
    const { url, proxy } = await serverWithProxy('sse');
    const proxied = await timeStream('sse', throughProxy(`${url}?rate=5000&count=1000&size=64`, proxy.port));
    expect(proxied.seqs).toEqual(inOrder(1000));
    expect(proxy.blocksReleased()).toBeGreaterThanOrEqual(3);
  });

  it('passes a WebSocket upgrade straight through: its first event is not held back', async () => {
    const sse = await serverWithProxy('sse');
    const ws = await serverWithProxy('ws');
    const sseProxied = await timeStream('sse', throughProxy(`${sse.url}${shortStream(1)}`, sse.proxy.port));
    const wsProxied = await timeStream('ws', throughProxy(`${ws.url}${shortStream(1)}`, ws.proxy.port));
    expect(wsProxied.seqs).toEqual(inOrder(50));
    expect(wsProxied.firstEventMs).toBeLessThan(sseProxied.firstEventMs / 5);
    expect(ws.proxy.blocksReleased()).toBe(0);
  });
});
