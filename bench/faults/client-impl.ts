/**
 * SSE-1 and WS-8 as a measured figure: what each reconnecting client had to implement to survive
 * drops, resume without loss and notice a half-open connection, in non-blank, non-comment source
 * lines read from the files at run time, with the list of behaviours it implements. The
 * transport-independent loop (state, backoff, timeouts) is shared and counts for both.
 *
 * Fairness: SSE's reconnect, `retry:` and Last-Event-ID come "for free" only in that the protocol
 * defines them. A browser's EventSource does them natively (zero lines for a page, but no idle
 * timeout, so it cannot notice a half-open connection); a Node client writes them, as here. A
 * browser's WebSocket does none of it, and cannot even see ping frames.
 */
import { COMPARED_FAMILIES, plainTransportOf, type ComparedFamily } from '../../transports/families.js';
import type { CellRunner } from '../families.js';
import type { Scenario, VariantSpec } from '../scenarios.js';
import { countRepoFileLines } from './source-lines.js';

/** The transport-independent part both clients use. */
export const SHARED_CLIENT_FILES: readonly string[] = [
  'clients/reconnecting-client.ts',
  'clients/reconnect-loop.ts',
  'clients/backoff.ts',
  'clients/idle-watchdog.ts',
];

/** Each family's own reconnecting-client file (its plain transport's client). */
export const OWN_CLIENT_FILE: Record<ComparedFamily, string> = {
  sse: 'clients/reconnecting-sse-client.ts',
  ws: 'clients/reconnecting-ws-client.ts',
};

/** What each client implements (the doc comment of each file says the same, with the reasons). */
export const CLIENT_FEATURES: Record<ComparedFamily, readonly string[]> = {
  sse: [
    'reconnect on end or network error',
    'retry: sets the wait',
    'Last-Event-ID from dispatched ids',
    '204 stops',
    'non-200 or wrong MIME fails',
    'backoff with jitter',
    'handshake timeout',
    'idle timeout fed by comment heartbeats',
  ],
  ws: [
    'reconnect on error or close',
    "resume from the application's last sequence (?from=)",
    '4xx stops, 5xx retried',
    'end marker stops',
    'backoff with jitter',
    'handshake timeout',
    'idle timeout fed by server pings',
  ],
};

const BROWSER_BUILT_IN: Record<ComparedFamily, string> = {
  sse: 'EventSource: reconnect, retry:, Last-Event-ID, 204/status/MIME handling built in; no idle timeout',
  ws: 'WebSocket: none built in; ping frames invisible to the page',
};

/** Counts the lines now (no network); the features go in the cell's params. */
export const runClientImplCell: CellRunner = async (cell) => {
  const family = COMPARED_FAMILIES.find((f) => plainTransportOf(f) === cell.transport);
  if (family === undefined)
    throw new Error(`client-impl measures ${COMPARED_FAMILIES.join(' and ')} clients, not ${cell.transport}`);
  const ownLines = countRepoFileLines(OWN_CLIENT_FILE[family]);
  const sharedLines = SHARED_CLIENT_FILES.reduce((total, file) => total + countRepoFileLines(file), 0);
  return {
    metrics: {
      client_impl_loc: ownLines + sharedLines,
      client_impl_own_loc: ownLines,
      client_impl_features_count: CLIENT_FEATURES[family].length,
    },
    histograms: {},
    errorCounts: {},
    warnings: [],
    serverConfig: {},
  };
};

function implVariant(family: ComparedFamily): VariantSpec {
  return {
    transport: plainTransportOf(family),
    params: {
      implements: CLIENT_FEATURES[family].join('; '),
      browser: BROWSER_BUILT_IN[family],
      files: [OWN_CLIENT_FILE[family], ...SHARED_CLIENT_FILES].join(' '),
    },
  };
}

/** One cell per client; cheap and exact, so it runs in the CI profile. */
export const CLIENT_IMPL_SCENARIO: Scenario = {
  name: 'client-impl',
  family: 'client-impl',
  description:
    'Lines of code each reconnecting client needed (non-blank, non-comment, read from the source at run time) to reconnect, resume without loss and notice a half-open connection; the shared loop counts for both. ' +
    "A browser page gets SSE's reconnect and Last-Event-ID from EventSource for free, and nothing from WebSocket.",
  stream: {},
  connections: 1,
  variants: COMPARED_FAMILIES.map(implVariant),
  inCiProfile: true,
  inDefaultProfile: {},
};
