/**
 * The polyglot scenarios as data: the seed's clients in their own languages (WS-5, OBS-3) and a real
 * browser on one origin reading streams from another (WS-6, OBS-3). Each table row is one cell: the
 * variant the plan sees and what the cell runner needs to run it.
 */
import type { ServerConfig, TransportName } from '../../servers/server-config.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { registerScenarios, type Scenario, type VariantSpec } from '../scenarios.js';

export const POLYGLOT_FAMILY = 'polyglot';
export const OTHER_LANGUAGES_SCENARIO = 'other-languages';
export const BROWSER_SCENARIO = 'browser';

export type ForeignLanguage = 'python' | 'java';

/** One foreign client cell: which language's client, over which transport, GET stream or POST /llm. */
export interface ForeignClientCell {
  variant: string;
  language: ForeignLanguage;
  transport: TransportName;
  /** `POST` asks /llm for a token stream with a JSON body, as the seed's Java and Python clients did. */
  method: 'GET' | 'POST';
}

/** The foreign clients and the browser probes speak the families' plain transports. */
const SSE_PLAIN = plainTransportOf(SSE_FAMILY);
const WS_PLAIN = plainTransportOf(WS_FAMILY);

export const FOREIGN_CLIENT_CELLS: readonly ForeignClientCell[] = [
  { variant: 'python-sse', language: 'python', transport: SSE_PLAIN, method: 'GET' },
  { variant: 'python-ws', language: 'python', transport: WS_PLAIN, method: 'GET' },
  { variant: 'java-sse', language: 'java', transport: SSE_PLAIN, method: 'GET' },
  { variant: 'java-ws', language: 'java', transport: WS_PLAIN, method: 'GET' },
  { variant: 'python-sse-post', language: 'python', transport: SSE_PLAIN, method: 'POST' },
  { variant: 'java-sse-post', language: 'java', transport: SSE_PLAIN, method: 'POST' },
];

export type BrowserProbe = 'eventsource' | 'websocket' | 'fetch-sse';

/** One browser cell: the probe, where its page comes from, and whether the stream should get through. */
export interface BrowserCell {
  variant: string;
  transport: TransportName;
  probe: BrowserProbe;
  /** `same-origin`: the page has the stream server's origin; `cross-origin`: the page server's. */
  page: 'same-origin' | 'cross-origin';
  /** What the browser is expected to do; a different outcome is a correctness failure. */
  expectWorks: boolean;
  server?: Partial<ServerConfig>;
}

/** The one origin the origin-checked WS server lets in: not the page's, so the page is refused. */
export const ONLY_ALLOWED_ORIGIN = 'https://app.example';

export const BROWSER_CELLS: readonly BrowserCell[] = [
  { variant: 'sse-same-origin', transport: SSE_PLAIN, probe: 'eventsource', page: 'same-origin', expectWorks: true },
  {
    variant: 'sse-cross-origin-no-cors',
    transport: SSE_PLAIN,
    probe: 'eventsource',
    page: 'cross-origin',
    expectWorks: false,
  },
  {
    variant: 'sse-cross-origin-cors',
    transport: SSE_PLAIN,
    probe: 'eventsource',
    page: 'cross-origin',
    expectWorks: true,
    server: { corsOrigin: '*' },
  },
  { variant: 'ws-cross-origin', transport: WS_PLAIN, probe: 'websocket', page: 'cross-origin', expectWorks: true },
  {
    variant: 'ws-cross-origin-origin-checked',
    transport: WS_PLAIN,
    probe: 'websocket',
    page: 'cross-origin',
    expectWorks: false,
    server: { allowedOrigins: [ONLY_ALLOWED_ORIGIN] },
  },
  {
    variant: 'fetch-post-sse',
    transport: SSE_PLAIN,
    probe: 'fetch-sse',
    page: 'cross-origin',
    expectWorks: true,
    server: { corsOrigin: '*' },
  },
];

function toVariant(cell: { variant: string; transport: TransportName; server?: Partial<ServerConfig> }): VariantSpec {
  return { transport: cell.transport, variant: cell.variant, ...(cell.server ? { server: cell.server } : {}) };
}

export const POLYGLOT_SCENARIOS: Scenario[] = [
  {
    name: OTHER_LANGUAGES_SCENARIO,
    family: POLYGLOT_FAMILY,
    description:
      "The seed's clients in their own languages against our servers: Python (standard library: http.client, a hand-written RFC 6455 client) and Java (the JDK's HttpClient and WebSocket), GET streams and POST /llm. Works, integrity, one-way latency on the shared monotonic clock.",
    stream: { ratePerSec: 1000, payloadBytes: 64, kind: 'text' },
    connections: 1,
    variants: FOREIGN_CLIENT_CELLS.map(toVariant),
    inDefaultProfile: {},
  },
  {
    name: BROWSER_SCENARIO,
    family: POLYGLOT_FAMILY,
    ownServersOnly: 'configures CORS and Origin checks on its own servers, cell by cell',
    description:
      'Headless Chromium: a page on one origin opens EventSource, WebSocket and a fetch()-stream reader (fetch-event-source style) to servers on another origin, with and without CORS headers and an Origin check.',
    stream: { ratePerSec: 200, payloadBytes: 64, kind: 'text' },
    connections: 1,
    variants: BROWSER_CELLS.map(toVariant),
    inDefaultProfile: {},
  },
];

export function findForeignClientCell(variant: string): ForeignClientCell {
  const cell = FOREIGN_CLIENT_CELLS.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no foreign client cell ${JSON.stringify(variant)}`);
  return cell;
}

export function findBrowserCell(variant: string): BrowserCell {
  const cell = BROWSER_CELLS.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no browser cell ${JSON.stringify(variant)}`);
  return cell;
}

registerScenarios(POLYGLOT_SCENARIOS);
