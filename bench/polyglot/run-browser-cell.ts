/**
 * Measures one `browser` cell: our server as a child, the probe page on its own origin (or on the
 * stream server's, for the same-origin control), headless Chromium running one probe to the end of
 * a bounded stream. Whether the stream got through is compared with what the cell expects: a CORS
 * refusal is the measured result of the no-CORS cell, not a failure of the run.
 */
import type { CellRunner } from '../families.js';
import { withDeadline } from '../phase-error.js';
import { withCellServer } from '../with-cell-server.js';
import { openBrowserSession, type BrowserSession } from './browser-session.js';
import { planBoundedStream, type BoundedStreamPlan } from './bounded-stream.js';
import { readProbeScript, startPageServer, type PageServer } from './page-server.js';
import { summarisePageMessages, type PageMessage } from './page-timing.js';
import { findBrowserCell, type BrowserCell, type BrowserProbe } from './polyglot-scenarios.js';

/** The page gives up this long after the stream should have ended. */
const PAGE_SLACK_MS = 10_000;
/** The runner gives up on the page this long after the page should have given up. */
const RUNNER_SLACK_MS = 15_000;

/** What a probe in the page resolves with (clients/polyglot/browser/probes.js). */
export interface ProbeResult {
  opened: boolean;
  ended: boolean;
  endSeq: number | null;
  timedOut: boolean;
  errors: number;
  errorMessages: string[];
  closeCode: number | null;
  malformed: number;
  messages: PageMessage[];
  pageOrigin: string;
  clockResolutionUs: number;
}

export interface ProbeOptions {
  probe: BrowserProbe;
  url: string;
  timeoutMs: number;
  body?: Record<string, unknown>;
}

/** The page's global, as probes.js defines it. */
interface ProbeHost {
  runProbe(options: ProbeOptions): Promise<ProbeResult>;
}

/** The bounded stream a cell reads: the scenario's rate, or the /llm token rate for fetch-sse. */
export function planBrowserStream(
  spec: BrowserCell,
  server: { defaults: { ratePerSec: number }; llmTokenDelayMs: number },
  warmupMs: number,
  durationMs: number,
): BoundedStreamPlan {
  const ratePerSec = spec.probe === 'fetch-sse' ? 1000 / server.llmTokenDelayMs : server.defaults.ratePerSec;
  return planBoundedStream(ratePerSec, warmupMs, durationMs);
}

/** The probe's request: the bounded stream (GET / WS), or a POST to /llm asking for the tokens. */
export function probeOptions(spec: BrowserCell, serverUrl: string, stream: BoundedStreamPlan): ProbeOptions {
  const url = new URL(serverUrl);
  const timeoutMs = Math.ceil(stream.streamMs + PAGE_SLACK_MS);
  if (spec.probe === 'fetch-sse') {
    url.pathname = '/llm';
    url.search = '';
    return {
      probe: spec.probe,
      url: url.href,
      timeoutMs,
      body: { prompt: 'Explain server-sent events.', tokens: stream.count, tokenDelayMs: 1000 / stream.ratePerSec },
    };
  }
  url.searchParams.set('count', String(stream.count));
  return { probe: spec.probe, url: url.href, timeoutMs };
}

/**
 * Opens the page the probe runs in. Same-origin: the stream server serves no pages, but any
 * response from it gives the page its origin, so the probe script goes into its 404 page rather
 * than a page route being added to the server under test.
 */
async function openProbePage(
  session: BrowserSession,
  spec: BrowserCell,
  serverUrl: string,
  pageServer: PageServer,
): Promise<void> {
  if (spec.page === 'cross-origin') {
    await session.page.goto(`${pageServer.origin}/`);
    return;
  }
  await session.page.goto(new URL('/probe-page', serverUrl).href);
  await session.page.addScriptTag({ content: readProbeScript() });
}

async function runProbe(session: BrowserSession, options: ProbeOptions): Promise<ProbeResult> {
  const evaluation = session.page.evaluate((o) => (globalThis as unknown as ProbeHost).runProbe(o), options);
  return withDeadline(evaluation, options.timeoutMs + RUNNER_SLACK_MS, 'browser-probe');
}

export function probeWorked(result: ProbeResult): boolean {
  return result.opened && result.ended && result.errors === 0 && !result.timedOut && result.messages.length > 0;
}

/** The metrics of one probe; integrity and timing only where the stream was meant to get through. */
export function browserMetrics(
  spec: BrowserCell,
  result: ProbeResult,
  stream: BoundedStreamPlan,
  browserVersion: string,
): Record<string, number> {
  const works = probeWorked(result);
  const metrics: Record<string, number> = {
    client_works: works ? 1 : 0,
    unexpected_outcome_count: works === spec.expectWorks ? 0 : 1,
    messages_received: result.messages.length,
    page_errors_count: result.errors,
    page_clock_resolution_us: result.clockResolutionUs,
    chromium_major_version: Number.parseInt(browserVersion, 10) || 0,
  };
  if (result.closeCode !== null) metrics.ws_close_code = result.closeCode;
  if (!spec.expectWorks) return metrics;
  const figures = summarisePageMessages(result.messages, stream.count, stream.warmupCount);
  Object.assign(metrics, {
    lost_count: figures.lost,
    duplicated_count: figures.duplicated,
    reordered_count: figures.reordered,
    corrupted_count: figures.corrupted + result.malformed,
  });
  if (figures.latencyAboveMinP50Us !== undefined) metrics.latency_above_min_p50_us = figures.latencyAboveMinP50Us;
  if (figures.latencyAboveMinP99Us !== undefined) metrics.latency_above_min_p99_us = figures.latencyAboveMinP99Us;
  return metrics;
}

/** Ports change every run; without them the same evidence reads the same in every repeat. */
function withoutPorts(text: string): string {
  return text.replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT');
}

function browserWarnings(spec: BrowserCell, result: ProbeResult, consoleErrors: readonly string[]): string[] {
  const works = probeWorked(result);
  const warnings = [...new Set(consoleErrors.map((text) => `Chromium: ${withoutPorts(text)}`))];
  if (works !== spec.expectWorks) {
    const what = works
      ? 'got through, but this cell expects the browser to refuse it'
      : `did not get through (${result.errorMessages.join('; ') || (result.timedOut ? 'timed out' : 'no end marker')}), but this cell expects it to`;
    warnings.push(`the stream ${what}`);
  }
  return warnings;
}

function errorCountsOf(spec: BrowserCell, result: ProbeResult): Record<string, number> {
  if (probeWorked(result)) return {};
  if (result.timedOut) return { 'timeout:browser-probe': 1 };
  return { [spec.probe === 'websocket' && result.closeCode !== null ? `close:${result.closeCode}` : 'connect']: 1 };
}

export const runBrowserCell: CellRunner = async (cell, abort) => {
  const spec = findBrowserCell(cell.variant);
  return withCellServer(
    cell,
    async ({ process: server, describe }) => {
      const stream = planBrowserStream(spec, cell.server, cell.client.warmupMs, cell.client.durationMs);
      const session = await openBrowserSession();
      const onAbort = () => void session.close();
      abort.addEventListener('abort', onAbort, { once: true });
      let pageServer: PageServer | undefined;
      try {
        pageServer = await startPageServer();
        await openProbePage(session, spec, server.url, pageServer);
        const result = await runProbe(session, probeOptions(spec, server.url, stream));
        return {
          metrics: browserMetrics(spec, result, stream, session.version),
          histograms: {},
          errorCounts: errorCountsOf(spec, result),
          warnings: browserWarnings(spec, result, session.consoleErrors),
          serverConfig: describe(),
        };
      } finally {
        abort.removeEventListener('abort', onAbort);
        await session.close();
        await pageServer?.close();
      }
    },
    {
      abort,
      ownServerOnly: 'browser cells configure CORS and Origin checks on their own servers; --target is not supported',
    },
  );
};
