/**
 * OBS-2 with the real dev servers: the article's POST stream from the Spring server, read directly,
 * through the Vue CLI dev server's proxy (Vue CLI's defaults, and again with devServer.compress off),
 * through Vite's, and through a private nginx (its default config and the tuned one) as the
 * article's fix. A fetch()-like observer (asking for gzip/deflate/br, as browsers do) times the first
 * event and the spread from first to last: one piece at the end shows as a first event near the
 * stream's full length and a spread near zero. Where `browser` is set, Chromium also opens the
 * article's page (fetch-event-source over POST) on the dev server (OBS-3).
 */
import type { MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { openBrowserSession } from '../polyglot/browser-session.js';
import { NGINX_PROFILES } from '../proxy/nginx-configs.js';
import { startNginx } from '../proxy/nginx-process.js';
import { startDevServer, type DevServer } from './dev-servers.js';
import { withStartedServer } from '../with-cell-server.js';
import { startJavaServer } from './java-server-process.js';
import type { DevPath, SeedCell } from './seed-scenarios.js';
import { arrivalFigures, observeStream } from './stream-observer.js';

/** 20 events 100 ms apart: a 1.9 s stream, long enough that buffering to the end cannot hide. */
export const DEV_STREAM = { count: 20, delayMs: 100 };
const PAGE_DEADLINE_MS = 60_000;

interface Hop {
  /** Origin the clients talk to; the article's API is under `${origin}${prefix}`. */
  origin: string;
  prefix: string;
  system: string;
  stop(): Promise<void>;
  page?: DevServer;
}

async function openHop(path: DevPath, upstreamOrigin: string, abort: AbortSignal): Promise<Hop> {
  switch (path) {
    case 'direct':
      return { origin: upstreamOrigin, prefix: '', system: 'no proxy', stop: async () => undefined };
    case 'vue-cli':
    case 'vue-cli-no-compress':
    case 'vite': {
      const kind = path === 'vite' ? 'vite' : 'vue-cli';
      const server = await startDevServer(
        { kind, upstream: upstreamOrigin, ...(path === 'vue-cli-no-compress' ? { compress: false } : {}) },
        abort,
      );
      const setting =
        path === 'vue-cli-no-compress'
          ? ', devServer.compress: false'
          : kind === 'vue-cli'
            ? ', default devServer (compress: true)'
            : ', default server options';
      return {
        origin: server.origin,
        prefix: '/api',
        system: `${server.system} proxy${setting}`,
        stop: () => server.stop(),
        page: server,
      };
    }
    case 'nginx-default':
    case 'nginx-tuned': {
      const profile = NGINX_PROFILES[path === 'nginx-default' ? 'default' : 'tuned'];
      const upstream = new URL(upstreamOrigin).host;
      const nginx = await startNginx({ profile, upstream });
      return {
        origin: `http://${nginx.host}:${nginx.port}`,
        prefix: '',
        system: `nginx ${nginx.version} (${profile.name} config)`,
        stop: () => nginx.stop(),
      };
    }
  }
}

interface PageOutcome {
  messages: number;
  firstMs: number;
  spreadMs: number;
  errors: number;
  chromium: string;
}

async function runPage(origin: string): Promise<PageOutcome> {
  const session = await openBrowserSession();
  try {
    const api = `/api/article/chat?count=${DEV_STREAM.count}&delayMs=${DEV_STREAM.delayMs}`;
    await session.page.goto(`${origin}/?api=${encodeURIComponent(api)}`, { timeout: PAGE_DEADLINE_MS });
    await session.page.waitForFunction(
      () => (globalThis as unknown as { __seed?: { done: boolean } }).__seed?.done === true,
      undefined,
      { timeout: PAGE_DEADLINE_MS },
    );
    const seed = await session.page.evaluate(
      () =>
        (
          globalThis as unknown as {
            __seed: { startedAt: number; messages: { at: number; data: string }[]; errors: string[] };
          }
        ).__seed,
    );
    const data = seed.messages.filter((m) => !/"code"\s*:\s*-200/.test(m.data));
    const first = data[0]?.at;
    const last = data.at(-1)?.at;
    return {
      messages: data.length,
      firstMs: first === undefined ? -1 : first - seed.startedAt,
      spreadMs: first === undefined || last === undefined ? -1 : last - first,
      errors: seed.errors.length,
      chromium: session.version,
    };
  } finally {
    await session.close();
  }
}

export function runDevProxyCell(_cell: CellPlan, seed: SeedCell, abort: AbortSignal): Promise<MeasuredRun> {
  const { path, browser } = seed.dev!;
  return withStartedServer(
    () => startJavaServer({}),
    async (java) => {
      let hop: Hop | undefined;
      try {
        hop = await openHop(path, new URL(java.url).origin, abort);
        const url = `${hop.origin}${hop.prefix}/article/chat?count=${DEV_STREAM.count}&delayMs=${DEV_STREAM.delayMs}`;
        const observed = await observeStream(url, { deadlineMs: 30_000 });
        const figures = arrivalFigures(observed);
        const streamMs = (DEV_STREAM.count - 1) * DEV_STREAM.delayMs;
        const metrics: Record<string, number> = {
          dev_stream_events_sent: DEV_STREAM.count,
          dev_stream_length_ms: streamMs,
          dev_events_received: figures.events,
          dev_first_event_ms: figures.ttfeMs,
          dev_event_spread_ms: figures.spreadMs,
          dev_body_chunks: figures.chunks,
          dev_compressed: observed.contentEncoding === '' ? 0 : 1,
          dev_end_marker: observed.endMarkerSeen ? 1 : 0,
          // Buffered: the first event came after most of the stream had been sent.
          dev_buffered: figures.ttfeMs > streamMs / 2 ? 1 : 0,
        };
        const warnings: string[] = [];
        let chromium: string | undefined;
        if (browser && hop.page) {
          const page = await runPage(hop.origin);
          metrics.page_messages = page.messages;
          metrics.page_first_event_ms = page.firstMs;
          metrics.page_event_spread_ms = page.spreadMs;
          metrics.page_errors_count = page.errors;
          chromium = page.chromium;
        }
        if (observed.contentEncoding)
          warnings.push(`the response came back with content-encoding: ${observed.contentEncoding}`);
        return {
          metrics,
          histograms: {},
          errorCounts: {},
          warnings,
          serverConfig: {
            system: `${java.system.replace(' on ', ' SseEmitter(0L) on ')} behind ${hop.system}`,
            proxy: hop.system,
            contentEncoding: observed.contentEncoding || 'identity',
            ...(chromium ? { browser: `Chromium ${chromium}, @microsoft/fetch-event-source` } : {}),
            ...java.info,
          },
        };
      } finally {
        await hop?.stop();
      }
    },
    abort,
  );
}
