/**
 * The many-streams scenario as data (issue #10, item 5): one client opens 1, 6, 7, 20 and 100
 * streams at once to one origin and times each one's first event. A browser allows six HTTP/1.1
 * connections per origin, so its seventh EventSource waits; over HTTP/2 every stream shares one
 * connection. The variants come from the transport registry (every SSE- and WS-family transport),
 * each read by our Node client and by Chromium; one cell per variant and stream count.
 *
 * No side effects: bench/many-streams/many-streams-family.ts registers it, and the report reads the
 * names from here.
 */
import type { Scenario, VariantSpec } from '../scenarios.js';
import { TRANSPORTS } from '../../transports/registry.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

export const MANY_STREAMS_FAMILY = 'many-streams';
export const MANY_STREAMS_SCENARIO = 'many-streams';

/** 1 and 6 fit in a browser's six HTTP/1.1 connections per origin; 7 is one over; 20 and 100 far over. */
export const STREAM_COUNTS: readonly number[] = [1, 6, 7, 20, 100];

/** Who opens the streams: our Node client (a connection or HTTP/2 stream each), or a Chromium page. */
export const CLIENT_KINDS = ['node', 'chromium'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** A stream with no first event this long after all were requested counts as stalled. */
export const STALL_DEADLINE_MS = 3000;

/** Each stream is its own feed at this rate, so its first event leaves as soon as it subscribes. */
const FEED_RATE_PER_SEC = 10;

/** Every SSE- and WS-family transport, plain, TLS and HTTP/2, in registry order. */
function streamTransports() {
  return TRANSPORTS.filter((t) => t.family === SSE_FAMILY || t.family === WS_FAMILY);
}

function streamTransportNames(): string[] {
  return streamTransports().map((t) => t.name);
}

/** One cell per transport, client kind and stream count. */
function buildVariants(): VariantSpec[] {
  return streamTransports().flatMap((t) =>
    CLIENT_KINDS.flatMap((client) =>
      STREAM_COUNTS.map(
        (streams): VariantSpec => ({
          transport: t.name,
          variant: `${t.name}-${client}`,
          // Timer pacing is plenty for a first event and spares 100 feeds the precise wait's spin.
          server: { schedule: 'timer' },
          params: { streams, client, stallDeadlineMs: STALL_DEADLINE_MS },
        }),
      ),
    ),
  );
}

export const MANY_STREAMS: Scenario = {
  name: MANY_STREAMS_SCENARIO,
  family: MANY_STREAMS_FAMILY,
  ownServersOnly: 'starts a server of its own for every stream count',
  description: `One client opens ${STREAM_COUNTS.join(', ')} streams at once to one origin, by our Node client and by Chromium (EventSource, WebSocket): each stream's time to first event, and how many have none within ${STALL_DEADLINE_MS / 1000} s (stalled). Chromium allows six HTTP/1.1 connections per origin; HTTP/2 multiplexes every stream on one. The default transports are the plain ones: the TLS and HTTP/2 cells need --transports ${streamTransportNames().join(',')}.`,
  stream: { ratePerSec: FEED_RATE_PER_SEC, payloadBytes: 64, kind: 'text' },
  connections: 1,
  variants: buildVariants(),
  idParams: ['streams'],
};
