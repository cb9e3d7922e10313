/**
 * OBS-2 with the real dev servers in front of the Spring server: Vue CLI's defaults deliver the
 * stream in one piece at its end (compressed), Vue CLI with compress off and Vite stream event by event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServerOptions } from './dev-servers.js';
import { startJavaServer, type JavaServerProcess } from './java-server-process.js';
import { arrivalFigures, observeStream } from './stream-observer.js';

const STREAM_MS = 9 * 150;
let java: JavaServerProcess;

beforeAll(async () => {
  java = await startJavaServer({});
}, 150_000);
afterAll(() => java?.stop());

async function throughDevServer(options: Omit<DevServerOptions, 'upstream'>) {
  const dev = await startDevServer({ ...options, upstream: new URL(java.url).origin });
  try {
    const observed = await observeStream(`${dev.origin}/api/article/chat?count=10&delayMs=150`, { deadlineMs: 20_000 });
    return { observed, figures: arrivalFigures(observed) };
  } finally {
    await dev.stop();
  }
}

describe('dev proxies in front of Spring', () => {
  it("Vue CLI's defaults compress the event stream and deliver it in one piece at the end", async () => {
    const { observed, figures } = await throughDevServer({ kind: 'vue-cli' });
    expect(observed.contentEncoding).toMatch(/^(gzip|br|deflate)$/);
    expect(figures.events).toBe(10);
    expect(figures.ttfeMs).toBeGreaterThan(STREAM_MS * 0.9);
    expect(figures.spreadMs).toBeLessThan(50);
  }, 60_000);

  it('Vue CLI with devServer.compress false streams event by event', async () => {
    const { observed, figures } = await throughDevServer({ kind: 'vue-cli', compress: false });
    expect(observed.contentEncoding).toBe('');
    expect(figures.events).toBe(10);
    expect(figures.spreadMs).toBeGreaterThan(STREAM_MS * 0.8);
  }, 60_000);

  it("Vite's proxy streams event by event", async () => {
    const { figures } = await throughDevServer({ kind: 'vite' });
    expect(figures.events).toBe(10);
    expect(figures.ttfeMs).toBeLessThan(STREAM_MS / 2);
    expect(figures.spreadMs).toBeGreaterThan(STREAM_MS * 0.8);
  }, 60_000);
});
