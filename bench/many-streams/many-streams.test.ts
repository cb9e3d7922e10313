/**
 * The many-streams scenario's two clients against in-process servers: our Node client gets a first
 * event on every stream, and Chromium stalls the seventh EventSource over HTTP/1.1 (six connections
 * per origin) but none over HTTP/2. The Chromium part skips where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import { DEFAULT_SERVER_CONFIG } from '../../servers/server-config.js';
import { formatStreamQuery } from '../../servers/stream-params.js';
import { runCertificate } from '../../servers/tls-files.js';
import { TRANSPORTS } from '../../transports/registry.js';
import type { Transport } from '../../transports/transport.js';
import { CHROMIUM_PATH } from '../polyglot/foreign-runtime.js';
import { openChromiumStreams, pageUrlFor } from './browser-streams.js';
import { openNodeStreams } from './node-streams.js';
import { pageStreamKind, streamUrls } from './run-many-streams-cell.js';
import { summariseStreams } from './stream-timings.js';

const QUERY = formatStreamQuery({ ratePerSec: 10, payloadBytes: 64, kind: 'text' });
/** Short enough to keep the suite quick, long enough that a stream that is not stalled never misses it. */
const DEADLINE_MS = 1500;

/** Plain SSE over HTTP/1.1, and the SSE transport that multiplexes (HTTP/2): chosen by what they can do. */
const HTTP1_SSE = TRANSPORTS.find((t) => t.family === 'sse' && !t.capabilities.tls)!;
const HTTP2_SSE = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed)!;

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(transport: Transport): Promise<RunningServer> {
  const start = await transport.loadServer();
  const tls = transport.capabilities.tls ? { tls: runCertificate() } : {};
  const server = await start({
    ...DEFAULT_SERVER_CONFIG,
    transport: transport.name as never,
    port: 0,
    schedule: 'timer',
    ...tls,
  });
  servers.push(server);
  return server;
}

describe('our Node client', () => {
  it('opens 7 SSE streams over HTTP/1.1 at once and gets 7 first events', async () => {
    const server = await startServer(HTTP1_SSE);
    const outcomes = await openNodeStreams({
      transport: HTTP1_SSE.name,
      urls: streamUrls(server.url, QUERY, 7),
      stallDeadlineMs: DEADLINE_MS,
    });
    expect(summariseStreams(outcomes)).toMatchObject({ streams_opened: 7, streams_stalled: 0 });
    expect(outcomes.every((o) => o.error === undefined)).toBe(true);
  });
});

describe.skipIf(!existsSync(CHROMIUM_PATH))(`Chromium (${CHROMIUM_PATH})`, () => {
  async function inChromium(transport: Transport, count: number) {
    const server = await startServer(transport);
    const urls = streamUrls(server.url, QUERY, count);
    return openChromiumStreams({
      kind: pageStreamKind(transport.name),
      urls,
      deadlineMs: DEADLINE_MS,
      pageUrl: pageUrlFor(server.url),
    });
  }

  it('stalls exactly 1 of 7 EventSources over HTTP/1.1: six connections per origin', async () => {
    const result = await inChromium(HTTP1_SSE, 7);
    expect(result).toMatchObject({ protocol: 'http/1.1', protocolSource: 'streams' });
    expect(summariseStreams(result.outcomes)).toMatchObject({ streams_opened: 7, streams_stalled: 1 });
  }, 30_000);

  it('stalls none of 7 EventSources over HTTP/2, which it negotiates despite the ignored certificate', async () => {
    const result = await inChromium(HTTP2_SSE, 7);
    // Read from the streams' own responses, not inferred from the page.
    expect(result).toMatchObject({ protocol: 'h2', protocolSource: 'streams' });
    expect(summariseStreams(result.outcomes)).toMatchObject({ streams_opened: 7, streams_stalled: 0 });
  }, 30_000);
});
