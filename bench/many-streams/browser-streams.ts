/**
 * Chromium opening many streams at once: a page on the stream server's own origin creates N
 * EventSources (or N WebSockets) in one go and notes when each one's first message arrives
 * (performance.now(), from just before the first was created). Chromium's own socket pools decide
 * what waits: six HTTP/1.1 connections per origin, one HTTP/2 connection for them all, WebSocket
 * handshakes one at a time per host. Which protocol each EventSource's response came over is read
 * from Chromium itself (the DevTools protocol's Network.responseReceived), so an HTTP/2 cell that
 * fell back to HTTP/1.1 shows; a stream still open has no Resource Timing entry, and a WebSocket no
 * response protocol, so those fall back to the page's navigation to the same origin (nextHopProtocol).
 */
import type { Page } from 'playwright-core';
import { openBrowserSession } from '../polyglot/browser-session.js';
import { withDeadline } from '../phase-error.js';
import type { StreamOutcome } from './stream-timings.js';

/** The browser API a stream uses: EventSource for the SSE family, WebSocket for the WS family. */
export type PageStreamKind = 'eventsource' | 'websocket';

export interface PageStreamsOptions {
  kind: PageStreamKind;
  urls: string[];
  deadlineMs: number;
}

export interface PageStreamsResult {
  /** ms from just before the first stream was created; null: no first event by the deadline. */
  firstEventMs: (number | null)[];
  /** Why a stream failed (`eventsource-error`, `close:1006`), null when it did not. */
  errors: (string | null)[];
  /** nextHopProtocol of the page's navigation to the origin (`h2`, `http/1.1`). */
  navigationProtocol: string;
  /** nextHopProtocol of the streams' own Resource Timing entries, where Chromium wrote any. */
  streamProtocols: string[];
}

/** The page may hold the streams this long after the deadline before the runner gives up on it. */
const PAGE_SLACK_MS = 15_000;

/** The few browser globals the page function uses (the project compiles without the DOM's types). */
interface PageGlobals {
  EventSource: new (
    url: string,
  ) => { onmessage: (() => void) | null; onerror: (() => void) | null; readonly readyState: number; close(): void };
  WebSocket: new (
    url: string,
  ) => { onmessage: (() => void) | null; onclose: ((event: { code: number }) => void) | null; close(): void };
  performance: { now(): number; getEntriesByType(type: string): { name: string; nextHopProtocol?: string }[] };
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Runs in the page (serialised by playwright: it must not use anything from its module). Every
 * stream is created before the first can have answered, so they all contend for the pools at once.
 */
export async function openStreamsInPage(options: PageStreamsOptions): Promise<PageStreamsResult> {
  const page = globalThis as unknown as PageGlobals;
  const firstEventMs: (number | null)[] = options.urls.map(() => null);
  const errors: (string | null)[] = options.urls.map(() => null);
  const closers: (() => void)[] = [];
  let pending = options.urls.length;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settled = (index: number) => firstEventMs[index] !== null || errors[index] !== null;
  const settle = () => --pending === 0 && finish();
  const startMs = page.performance.now();
  options.urls.forEach((url, index) => {
    const onFirst = () => {
      if (settled(index)) return;
      firstEventMs[index] = page.performance.now() - startMs;
      settle();
    };
    const fail = (reason: string) => {
      if (settled(index)) return;
      errors[index] = reason;
      settle();
    };
    if (options.kind === 'eventsource') {
      const source = new page.EventSource(url);
      source.onmessage = onFirst;
      // CONNECTING (0) after an error is a reconnect the browser will make; CLOSED (2) is final.
      source.onerror = () => source.readyState === 2 && fail('eventsource-error');
      closers.push(() => source.close());
    } else {
      const socket = new page.WebSocket(url);
      socket.onmessage = onFirst;
      socket.onclose = (event) => fail(`close:${event.code}`);
      closers.push(() => socket.close());
    }
  });
  const timer = page.setTimeout(finish, options.deadlineMs);
  await done;
  page.clearTimeout(timer);
  for (const close of closers) close();
  const navigation = page.performance.getEntriesByType('navigation')[0];
  const streamProtocols = page.performance
    .getEntriesByType('resource')
    .filter((entry) => options.urls.includes(entry.name))
    .map((entry) => entry.nextHopProtocol ?? '');
  return { firstEventMs, errors, navigationProtocol: navigation?.nextHopProtocol ?? '', streamProtocols };
}

export interface ChromiumStreamsOptions extends PageStreamsOptions {
  /** A page on the streams' origin: any response from the stream server gives the page that origin. */
  pageUrl: string;
  abort?: AbortSignal;
}

export interface ChromiumStreamsResult {
  outcomes: StreamOutcome[];
  /** The protocol Chromium spoke to the origin: the streams' responses' if any, else the page's navigation's. */
  protocol: string;
  /** Where `protocol` was read: the streams' responses, or the navigation. */
  protocolSource: 'streams' | 'navigation';
  browserVersion: string;
  consoleErrors: string[];
}

/** The protocol as a number for the results: `h2` 2, `http/1.1` 1.1, `h3` 3; undefined if unknown. */
export function httpVersionOf(protocol: string): number | undefined {
  const versions: Record<string, number> = { 'http/1.0': 1, 'http/1.1': 1.1, h2: 2, h3: 3 };
  return versions[protocol];
}

/** The page on the streams' origin, for a stream URL (ws: and wss: pages are http: and https:). */
export function pageUrlFor(streamUrl: string): string {
  const url = new URL('/many-streams-page', streamUrl);
  url.protocol = url.protocol.replace(/^ws/, 'http');
  return url.href;
}

/** Collects the protocol (`h2`, `http/1.1`) of every response Chromium receives for these URLs. */
async function watchResponseProtocols(page: Page, urls: readonly string[]): Promise<string[]> {
  const protocols: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (event) => {
    if (urls.includes(event.response.url) && event.response.protocol !== undefined)
      protocols.push(event.response.protocol);
  });
  return protocols;
}

/** Launches Chromium, opens the page, runs the streams, closes everything. */
export async function openChromiumStreams(options: ChromiumStreamsOptions): Promise<ChromiumStreamsResult> {
  // The run certificate is not in Chromium's store; TLS and ALPN are negotiated as ever.
  const session = await openBrowserSession(undefined, { ignoreHTTPSErrors: true });
  const onAbort = () => void session.close();
  options.abort?.addEventListener('abort', onAbort, { once: true });
  try {
    const streamProtocols = await watchResponseProtocols(session.page, options.urls);
    await session.page.goto(options.pageUrl);
    const pageOptions: PageStreamsOptions = { kind: options.kind, urls: options.urls, deadlineMs: options.deadlineMs };
    const result = await withDeadline(
      session.page.evaluate(openStreamsInPage, pageOptions),
      options.deadlineMs + PAGE_SLACK_MS,
      'browser-streams',
    );
    const seen = [...new Set([...streamProtocols, ...result.streamProtocols].filter((p) => p !== ''))];
    return {
      outcomes: result.firstEventMs.map((firstEventMs, index) => ({
        firstEventMs,
        ...(result.errors[index] ? { error: result.errors[index]! } : {}),
      })),
      // Streams over two protocols would be news: say both rather than pick one.
      protocol: seen.length > 0 ? seen.join('+') : result.navigationProtocol,
      protocolSource: seen.length > 0 ? 'streams' : 'navigation',
      browserVersion: session.version,
      consoleErrors: session.consoleErrors,
    };
  } finally {
    options.abort?.removeEventListener('abort', onAbort);
    await session.close();
  }
}
