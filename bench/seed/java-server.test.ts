/**
 * The article's server stack for real: Spring's SseEmitter streams exactly the envelope events asked
 * for and the end marker, on the clock Node reads; Tomcat's JSR-356 endpoint does the same over WS;
 * the default SseEmitter is cut at the container's async timeout (shortened here to 1.5 s) while
 * SseEmitter(0L) is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeText } from '../../servers/envelope.js';
import { startJavaServer, type JavaServerProcess } from './java-server-process.js';
import { observeStream } from './stream-observer.js';

const ASYNC_TIMEOUT_MS = 1500;
let server: JavaServerProcess;

beforeAll(async () => {
  server = await startJavaServer({ asyncTimeoutMs: ASYNC_TIMEOUT_MS });
}, 150_000);

afterAll(async () => {
  await server?.stop();
});

describe('Spring SseEmitter and JSR-356 on Tomcat', () => {
  it('reads its versions at run time', () => {
    expect(server.info.spring).toMatch(/^4\.3\./);
    expect(server.info.tomcat).toMatch(/^9\.0\./);
    expect(server.info.asyncTimeoutMs).toBe(ASYNC_TIMEOUT_MS);
  });

  it('streams N envelope events exactly, then the end marker, stamped with the monotonic clock Node reads', async () => {
    const res = await fetch(`${server.url}?rate=1000&count=50&size=32`);
    const text = await res.text();
    const receivedNs = Number(process.hrtime.bigint());
    const blocks = text.split('\n\n').filter((b) => b !== '');
    const data = blocks.filter((b) => !b.includes('event:end')).map((b) => /^data:(.*)$/m.exec(b)![1]!);
    const envelopes = data.map((line) => decodeText(line));
    expect(envelopes.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(envelopes.every((e) => e.checksumOk)).toBe(true);
    expect(blocks.at(-1)).toBe('event:end\ndata:50');
    // Same clock: every scheduled time lies in the last few seconds of Node's hrtime.
    for (const e of envelopes)
      expect(receivedNs - e.scheduledNs).toBeGreaterThan(0), expect(receivedNs - e.scheduledNs).toBeLessThan(5e9);
  });

  it('streams the same over the JSR-356 endpoint on the same path', async () => {
    const ws = new WebSocket(`${server.url.replace('http:', 'ws:')}?rate=1000&count=20`);
    const frames: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => frames.push(data.toString()));
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    expect(frames.slice(0, 20).map((f) => decodeText(f).seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(frames[20]).toBe('!end 20');
  });

  it('cuts the default SseEmitter at the container async timeout with a clean end and no end marker; SseEmitter(0L) completes', async () => {
    const url = (choice: string) =>
      `${new URL(server.url).origin}/article/chat?count=15&delayMs=200&emitterTimeout=${choice}`;
    const [fallback, zero] = await Promise.all([
      observeStream(url('default'), { deadlineMs: 15_000 }),
      observeStream(url('0'), { deadlineMs: 15_000 }),
    ]);
    expect(fallback.endMarkerSeen).toBe(false);
    expect(fallback.ending).toBe('complete');
    expect(fallback.status).toBe(200);
    // Tomcat checks async timeouts about once a second.
    expect(fallback.endedAtMs).toBeGreaterThanOrEqual(ASYNC_TIMEOUT_MS);
    expect(fallback.endedAtMs).toBeLessThan(ASYNC_TIMEOUT_MS + 2000);
    expect(fallback.eventArrivalsMs.length).toBeLessThan(15);
    expect(zero.endMarkerSeen).toBe(true);
    expect(zero.eventArrivalsMs.length).toBe(15);
    expect((await server.stats()).emitterTimeouts).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
