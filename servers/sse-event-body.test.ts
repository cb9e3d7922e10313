/** SSE gzip: negotiated per request, every event flushed at once, heartbeats inside the gzip stream. */
import http from 'node:http';
import { gunzipSync, constants } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './http-util.js';
import { acceptsGzip } from './sse-event-body.js';
import { startTestServer } from '../test/support/server-helpers.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('acceptsGzip (RFC 9110 §12.5.3)', () => {
  it('accepts gzip and x-gzip unless their quality is 0', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('X-GZIP')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

/** GETs a stream and collects its raw body (still compressed) until `until` says stop. */
function fetchRaw(
  url: string,
  headers: http.OutgoingHttpHeaders,
  until: (body: Buffer) => boolean,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      const finish = () => {
        req.destroy();
        resolve({ headers: res.headers, body: Buffer.concat(chunks) });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (until(Buffer.concat(chunks))) finish();
      });
      res.on('end', finish);
    });
    req.on('error', reject);
  });
}

const gunzipSoFar = (body: Buffer): string => gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH }).toString();

describe('SSE server with sseContentEncoding: gzip', () => {
  it('gzips a bounded stream for a client that accepts it, and the events decode whole', async () => {
    const server = await startTestServer('sse', { sseContentEncoding: 'gzip' });
    servers.push(server);
    const { headers, body } = await fetchRaw(
      `${server.url}?rate=0&count=20&size=64&kind=json`,
      { 'accept-encoding': 'gzip' },
      () => false,
    );
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['vary']).toBe('accept-encoding');
    const text = gunzipSync(body).toString();
    expect(text.startsWith('retry: 1000\n\n')).toBe(true);
    expect(text.match(/^data: /gm)).toHaveLength(21); // 20 messages and the end event
    expect(text.endsWith('event: end\ndata: 20\n\n')).toBe(true);
  });

  it('flushes each event as it is written: the first one decodes before the stream goes on', async () => {
    const server = await startTestServer('sse', { sseContentEncoding: 'gzip' });
    servers.push(server);
    const { body } = await fetchRaw(`${server.url}?rate=5&size=16`, { 'accept-encoding': 'gzip' }, (soFar) =>
      gunzipSoFar(soFar).includes('id: 1\n'),
    );
    expect(gunzipSoFar(body)).toMatch(/id: 1\ndata: /);
  });

  it('sends heartbeats through the compressor, not around it', async () => {
    const server = await startTestServer('sse', { sseContentEncoding: 'gzip', heartbeatMs: 20 });
    servers.push(server);
    const { body } = await fetchRaw(`${server.url}?rate=1&size=16`, { 'accept-encoding': 'gzip' }, (soFar) =>
      gunzipSoFar(soFar).includes(':\n\n'),
    );
    expect(gunzipSoFar(body)).toContain(':\n\n');
  });

  it('sends the stream as is to a client that does not accept gzip', async () => {
    const server = await startTestServer('sse', { sseContentEncoding: 'gzip' });
    servers.push(server);
    const { headers, body } = await fetchRaw(`${server.url}?rate=0&count=3&size=16`, {}, () => false);
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toContain('event: end\ndata: 3\n\n');
  });
});
