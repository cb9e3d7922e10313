/**
 * Metrics of the many-streams cells, beside the shared ones they reuse: ttfe_p50_us and
 * ttfe_max_us (time to first event from the request, the measure family's) over the streams that
 * got one, and chromium_major_version (the polyglot family's).
 */
import type { MetricSpec } from '../metrics.js';

export const MANY_STREAMS_METRICS: readonly MetricSpec[] = [
  {
    name: 'streams_opened',
    unit: 'count',
    class: 'exact',
    better: 'none',
    description: 'streams one client opened at once to one origin',
  },
  {
    name: 'streams_stalled',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description:
      "streams with no first event within the stall deadline (3 s) of all being requested: a browser's per-origin connection limit shows here",
  },
  {
    name: 'negotiated_http_version',
    unit: 'version',
    class: 'exact',
    better: 'none',
    description:
      "the HTTP version Chromium received the streams' responses over (1.1, 2; DevTools' Network.responseReceived), or for WebSockets its navigation to their origin (nextHopProtocol): their handshake is HTTP/1.1",
  },
];
