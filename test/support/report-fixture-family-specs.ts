/**
 * Fixture cells for the scenarios of the other families: clients in other languages and a browser
 * page (polyglot), nginx and a buffering dev proxy (proxy), and the chat room (stream). Their
 * figures are those a quick run of the real scenarios produced on a 2-core machine, rounded, so
 * the claim rows that read them show what a real run shows; tests flip single figures to check
 * that each verdict follows them.
 */
import type { CellSpec } from './report-fixtures.js';

/** The plan record of each scenario these cells belong to (descriptions shortened from bench/). */
export const FAMILY_SCENARIO_RECORDS: Record<string, { family: string; description: string }> = {
  'other-languages': {
    family: 'polyglot',
    description:
      "The seed's clients in their own languages: Python (standard library) and Java (JDK only), GET streams and POST /llm.",
  },
  browser: {
    family: 'polyglot',
    description:
      'Headless Chromium: a page on one origin opens EventSource, WebSocket and a fetch()-stream reader to servers on another origin.',
  },
  'proxy-nginx': {
    family: 'proxy',
    description: 'SSE and WS through nginx, default and tuned, and the same server direct in each cell.',
  },
  'proxy-buffering': {
    family: 'proxy',
    description:
      "The seed's LLM answer through proxies that buffer and ones that do not, against direct in the same cell.",
  },
  chat: {
    family: 'stream',
    description:
      'A chat room: 50 members each post 10 small messages/s and receive everyone’s. WS sends on its socket; SSE posts each message.',
  },
};

/** Counts and flags that do not move between repeats of one build. */
const EXACT = [
  'client_works',
  'works',
  'unexpected_outcome_count',
  'clock_mismatch_us',
  'page_errors_count',
  'messages_received',
  'ws_close_code',
];
const INTACT = { lost_count: 0, duplicated_count: 0, reordered_count: 0, corrupted_count: 0 };

/** A foreign client's cell: it got its whole stream, with these one-way latencies. */
function foreignClient(variant: string, transport: 'sse' | 'ws', p50Us: number, p99Us: number): CellSpec {
  return {
    scenario: 'other-languages',
    transport,
    variant,
    params: { connections: 1, ratePerSec: 1000, payloadBytes: 64, kind: 'text' },
    exact: EXACT,
    metrics: {
      client_works: 1,
      unexpected_outcome_count: 0,
      clock_mismatch_us: 0,
      messages_received: 1300,
      latency_p50_us: p50Us,
      latency_p99_us: p99Us,
      ...INTACT,
    },
  };
}

function buildForeignSpecs(): CellSpec[] {
  return [
    foreignClient('python-sse', 'sse', 725, 2030),
    foreignClient('python-ws', 'ws', 738, 2200),
    foreignClient('java-sse', 'sse', 883, 3960),
    foreignClient('java-ws', 'ws', 862, 11_900),
    foreignClient('python-sse-post', 'sse', 734, 2550),
    foreignClient('java-sse-post', 'sse', 913, 4160),
  ];
}

/** A browser page's cell: it got the stream (p50 above the fastest message), or it was blocked. */
function page(
  variant: string,
  transport: 'sse' | 'ws',
  outcome: { aboveMinP50Us: number } | { blocked: string; message: string },
  server?: Record<string, unknown>,
): CellSpec {
  const params = { connections: 1, ratePerSec: 200, payloadBytes: 64, kind: 'text' };
  const base = { scenario: 'browser', transport, variant, params, exact: EXACT, ...(server ? { server } : {}) };
  if ('blocked' in outcome) {
    return {
      ...base,
      metrics: { client_works: 0, unexpected_outcome_count: 0, page_errors_count: 1, messages_received: 0 },
      refusal: { category: outcome.blocked, warning: `Chromium: ${outcome.message}` },
    };
  }
  return {
    ...base,
    metrics: {
      client_works: 1,
      unexpected_outcome_count: 0,
      page_errors_count: 0,
      messages_received: 260,
      latency_above_min_p50_us: outcome.aboveMinP50Us,
      ...INTACT,
    },
  };
}

function buildBrowserSpecs(): CellSpec[] {
  return [
    page('sse-same-origin', 'sse', { aboveMinP50Us: 700 }),
    page('sse-cross-origin-no-cors', 'sse', {
      blocked: 'connect',
      message:
        "Access to resource at 'http://127.0.0.1:PORT/stream?count=260' from origin 'http://127.0.0.1:PORT' has been blocked by CORS policy",
    }),
    page('sse-cross-origin-cors', 'sse', { aboveMinP50Us: 800 }, { corsOrigin: '*' }),
    page('ws-cross-origin', 'ws', { aboveMinP50Us: 800 }),
    page(
      'ws-cross-origin-origin-checked',
      'ws',
      { blocked: 'close:1006', message: 'Error during WebSocket handshake: Unexpected response code: 403' },
      { allowedOrigins: ['https://app.example'] },
    ),
    page('fetch-post-sse', 'sse', { aboveMinP50Us: 500 }, { corsOrigin: '*' }),
  ];
}

interface ProxiedFigures {
  firstEventRatio: number;
  latencyP50Us: number;
  directLatencyP50Us: number;
}

/** A proxy-nginx cell: the stream through nginx beside the same server direct, or nginx's refusal. */
function throughNginx(
  variant: string,
  transport: 'sse' | 'ws',
  proxy: string,
  buffering: boolean,
  figures: ProxiedFigures | { refused: string },
  server?: Record<string, unknown>,
): CellSpec {
  const params = { connections: 10, ratePerSec: 200, payloadBytes: 64, kind: 'text', proxy, buffering };
  const base = { scenario: 'proxy-nginx', transport, variant, params, exact: EXACT, ...(server ? { server } : {}) };
  if ('refused' in figures)
    return {
      ...base,
      metrics: { works: 0, direct_latency_p50_us: 1127 },
      refusal: { category: 'http-status', warning: `through ${proxy}: http-status: ${figures.refused}` },
    };
  return {
    ...base,
    metrics: {
      works: 1,
      first_event_ratio_vs_direct: figures.firstEventRatio,
      latency_p50_us: figures.latencyP50Us,
      direct_latency_p50_us: figures.directLatencyP50Us,
      proxy_added_latency_p50_us: figures.latencyP50Us - figures.directLatencyP50Us,
      ...INTACT,
    },
  };
}

function buildNginxSpecs(): CellSpec[] {
  const noAccelHeader = { accelBufferingHeader: false };
  return [
    throughNginx('sse-default', 'sse', 'nginx-default', false, {
      firstEventRatio: 0.82,
      latencyP50Us: 1250,
      directLatencyP50Us: 1056,
    }),
    throughNginx(
      'sse-default-no-accel-header',
      'sse',
      'nginx-default',
      true,
      { firstEventRatio: 9.44, latencyP50Us: 97_200, directLatencyP50Us: 1184 },
      noAccelHeader,
    ),
    throughNginx('sse-tuned', 'sse', 'nginx-tuned', false, {
      firstEventRatio: 0.64,
      latencyP50Us: 1520,
      directLatencyP50Us: 1372,
    }),
    throughNginx('ws-default', 'ws', 'nginx-default', true, { refused: 'expected 101, got 426' }),
    throughNginx('ws-tuned', 'ws', 'nginx-tuned', false, {
      firstEventRatio: 0.51,
      latencyP50Us: 1290,
      directLatencyP50Us: 1214,
    }),
  ];
}

/** A proxy-buffering cell: the LLM answer's first token and gaps through the proxy, and direct. */
function answerThrough(
  variant: string,
  transport: 'sse' | 'ws',
  proxy: string,
  buffering: boolean,
  ttftUs: number,
  directTtftUs: number,
  itlUs: number,
  server?: Record<string, unknown>,
): CellSpec {
  const method = transport === 'sse' ? 'sse-post' : 'ws';
  return {
    scenario: 'proxy-buffering',
    transport,
    variant,
    params: { connections: 5, tokens: 50, tokenDelayMs: 20, method, proxy, buffering },
    exact: EXACT,
    ...(server ? { server } : {}),
    metrics: {
      works: 1,
      first_event_ratio_vs_direct: ttftUs / directTtftUs,
      ttft_p50_us: ttftUs,
      direct_ttft_p50_us: directTtftUs,
      itl_p50_us: itlUs,
      ...INTACT,
    },
  };
}

function buildBufferingSpecs(): CellSpec[] {
  return [
    answerThrough('sse-dev-proxy', 'sse', 'dev-proxy', true, 1_010_000, 22_300, 0),
    answerThrough('sse-nginx-default-no-accel-header', 'sse', 'nginx-default', true, 1_007_000, 23_700, 0, {
      accelBufferingHeader: false,
    }),
    answerThrough('sse-nginx-default', 'sse', 'nginx-default', false, 22_200, 23_000, 20_080),
    answerThrough('sse-nginx-tuned', 'sse', 'nginx-tuned', false, 24_100, 22_300, 20_060),
    answerThrough('ws-dev-proxy', 'ws', 'dev-proxy', true, 21_500, 22_350, 20_080),
    answerThrough('ws-nginx-tuned', 'ws', 'nginx-tuned', false, 20_900, 21_600, 20_100),
  ];
}

/** The chat room: one-way latency recorded into real histograms; SSE's tail is a POST queue's. */
function buildChatSpecs(): CellSpec[] {
  const params = { connections: 50, ratePerSecPerMember: 10, payloadBytes: 64 };
  const room = (deliveriesPerSec: number, bytesUpPerMsg: number, bytesDownPerMsg: number) => ({
    connections: 50,
    throughput_msgs_per_sec: deliveriesPerSec,
    wire_bytes_up_per_msg: bytesUpPerMsg,
    wire_bytes_down_per_msg: bytesDownPerMsg,
    ...INTACT,
  });
  return [
    {
      scenario: 'chat',
      transport: 'sse',
      params,
      latency: [{ family: 'latency_us', prefix: 'latency', medianUs: 8900, sigma: 1.2, samples: 20_000 }],
      metrics: room(26_800, 216.7, 107.5),
    },
    {
      scenario: 'chat',
      transport: 'ws',
      params,
      latency: [{ family: 'latency_us', prefix: 'latency', medianUs: 1480, sigma: 0.6, samples: 20_000 }],
      metrics: room(25_000, 100.6, 96.2),
    },
  ];
}

/** Every cell of the other families' scenarios, in plan order. */
export function buildFamilySpecs(): CellSpec[] {
  return [
    ...buildForeignSpecs(),
    ...buildBrowserSpecs(),
    ...buildNginxSpecs(),
    ...buildBufferingSpecs(),
    ...buildChatSpecs(),
  ];
}
