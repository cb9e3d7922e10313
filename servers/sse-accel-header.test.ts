/** The X-Accel-Buffering hint: sent by default (nginx then streams), left out when configured so. */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './http-util.js';
import { startTestServer } from '../test/support/server-helpers.js';

let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The response headers of one stream request; the stream itself is dropped at once. */
function fetchHeaders(url: string): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      resolve(res.headers);
      req.destroy();
    });
    req.on('error', reject);
  });
}

describe('the SSE server and nginx buffering', () => {
  it('sends X-Accel-Buffering: no by default', async () => {
    server = await startTestServer('sse');
    const headers = await fetchHeaders(server.url);
    expect(headers['content-type']).toMatch(/^text\/event-stream/);
    expect(headers['x-accel-buffering']).toBe('no');
  });

  it('leaves the header out when accelBufferingHeader is false, and still streams', async () => {
    server = await startTestServer('sse', { accelBufferingHeader: false });
    const headers = await fetchHeaders(server.url);
    expect(headers['content-type']).toMatch(/^text\/event-stream/);
    expect(headers['cache-control']).toBe('no-cache, no-transform');
    expect(headers).not.toHaveProperty('x-accel-buffering');
  });
});
