/**
 * nginx's TLS + HTTP/2 front with in-process servers behind it (plain HTTP/1.1 upstream): SSE over
 * HTTP/2 through the tuned front arrives whole with ALPN h2, WebSocket over wss gets through the
 * same port on HTTP/1.1 + TLS (nginx has no RFC 8441), and what the default front does to SSE when
 * the server omits X-Accel-Buffering is measured. Skipped when nginx is absent (install it with
 * bench/setup/install-system-packages.sh).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import { collect, startTestServer } from '../../test/support/server-helpers.js';
import { runCertificate } from '../../servers/tls-files.js';
import { TRANSPORTS } from '../../transports/registry.js';
import { findNginxBinary, readNginxBuild } from './nginx-binary.js';
import { http2SyntaxFor, NGINX_PROFILES, type NginxProfileName } from './nginx-configs.js';
import { startNginx, type NginxProcess } from './nginx-process.js';
import { plainSiblingOf } from './proxy-scenarios.js';
import { throughProxy } from './run-proxy-cell.js';
import { countFrontRequests, probeTlsFront } from './tls-front.js';

const MESSAGES = 300;
const cleanups: (() => Promise<void> | void)[] = [];
const nginxBinary = findNginxBinary();

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Chosen by capability, never by name (transports/registry.test.ts). */
const sseOverH2 = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed && t.capabilities.tls)!;
const wsOverTls = TRANSPORTS.find((t) => t.family === 'ws' && t.capabilities.tls)!;

/** A plain server of `transport`'s family behind a TLS front with `profile`; the URL a client of `transport` opens through it. */
async function behindTlsFront(
  transport: (typeof TRANSPORTS)[number],
  profile: NginxProfileName,
  query: string,
  overrides: Parameters<typeof startTestServer>[1] = {},
): Promise<{ url: string; nginx: NginxProcess }> {
  const server: RunningServer = await startTestServer(plainSiblingOf(transport).name, overrides);
  cleanups.push(() => server.close());
  const nginx = await startNginx({
    profile: NGINX_PROFILES[profile],
    upstream: `127.0.0.1:${server.port}`,
    tlsFront: runCertificate(),
  });
  cleanups.push(() => nginx.stop());
  const url = new URL(throughProxy(`${server.url}?${query}`, nginx.port));
  url.protocol = transport.scheme;
  return { url: url.href, nginx };
}

function open(transport: (typeof TRANSPORTS)[number], url: string) {
  const collected = collect(transport.name, url, undefined, { caFile: runCertificate().certFile });
  cleanups.push(() => collected.connection.close());
  return collected;
}

/** The access log once it holds a line (nginx logs a request when it ends). */
async function frontLogOf(nginx: NginxProcess): Promise<string> {
  for (let i = 0; i < 40 && nginx.frontLog() === ''; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return nginx.frontLog();
}

describe('http2SyntaxFor', () => {
  it('uses the listen parameter before nginx 1.25.1 and the http2 directive from it', () => {
    expect(http2SyntaxFor('1.22.1')).toBe('listen-parameter');
    expect(http2SyntaxFor('1.25.0')).toBe('listen-parameter');
    expect(http2SyntaxFor('1.25.1')).toBe('directive');
    expect(http2SyntaxFor('1.26.3')).toBe('directive');
    expect(http2SyntaxFor('2.0.0')).toBe('directive');
  });
});

describe.skipIf(nginxBinary === undefined)('nginx with a TLS + HTTP/2 front', () => {
  it('renders the HTTP/2 switch this nginx parses', () => {
    expect(['listen-parameter', 'directive']).toContain(http2SyntaxFor(readNginxBuild(nginxBinary!).version));
  });

  it('streams SSE over HTTP/2 through the tuned front whole and in order, negotiated as ALPN h2', async () => {
    const { url, nginx } = await behindTlsFront(sseOverH2, 'tuned', `rate=2000&count=${MESSAGES}&size=64`);
    const probe = await probeTlsFront(nginx.port, runCertificate().certFile);
    expect(probe).toMatchObject({ alpn: 'h2', extendedConnect: false });
    const got = open(sseOverH2, url);
    await got.connection.opened;
    const messages = await got.waitFor(MESSAGES + 1);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    expect(messages.every((m) => m.checksumOk)).toBe(true);
    expect(got.endedAt).toBe(MESSAGES);
    got.connection.close();
    expect(countFrontRequests(await frontLogOf(nginx))).toMatchObject({ http2: 1, http1: 0 });
  });

  it('carries WebSocket over wss through the tuned front on HTTP/1.1 + TLS (nginx has no RFC 8441)', async () => {
    const { url, nginx } = await behindTlsFront(wsOverTls, 'tuned', `rate=2000&count=${MESSAGES}&size=64`);
    const got = open(wsOverTls, url);
    await got.connection.opened;
    const messages = await got.waitFor(MESSAGES + 1);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    got.connection.close();
    await got.connection.closed;
    const log = await frontLogOf(nginx);
    expect(countFrontRequests(log)).toMatchObject({ http2: 0, http1: 1 });
    expect(log).toMatch(/^HTTP\/1\.1 TLSv1\.[23] 101 /m);
  });

  it('refuses WebSocket at the default front (Upgrade not forwarded), as the plain default nginx does', async () => {
    const { url } = await behindTlsFront(wsOverTls, 'default', 'rate=100&count=5');
    await expect(open(wsOverTls, url).connection.opened).rejects.toMatchObject({ category: 'http-status' });
  });

  it('holds SSE over HTTP/2 back at the default front when the server omits X-Accel-Buffering: the first event waits for the buffer', async () => {
    // 50 events of 64 B, 20 ms apart (about 1 s in all): a streaming front shows the first within
    // a few tens of ms; a buffering one only once its 4 KiB/8 KiB proxy buffer fills or the response ends.
    const query = 'rate=50&count=50&size=64';
    const timeFirst = async (overrides: Parameters<typeof startTestServer>[1]) => {
      const { url } = await behindTlsFront(sseOverH2, 'default', query, overrides);
      const startedAt = performance.now();
      const got = open(sseOverH2, url);
      await got.waitFor(1);
      const firstMs = performance.now() - startedAt;
      await got.waitFor(51);
      expect(got.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      return firstMs;
    };
    const withHint = await timeFirst({});
    const withoutHint = await timeFirst({ accelBufferingHeader: false });
    console.info(
      `default TLS front, SSE over HTTP/2: first event after ${withHint.toFixed(0)} ms with X-Accel-Buffering: no, ${withoutHint.toFixed(0)} ms without`,
    );
    // Observed on the 2-core dev machine with nginx 1.22.1: 21 ms with the hint, 737 ms without
    // (the buffer is released about three quarters into the 1 s answer). Byte counts fix the latter.
    expect(withHint).toBeLessThan(400);
    expect(withoutHint).toBeGreaterThan(600);
  });
});
