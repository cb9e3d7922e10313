/**
 * Metrics of the polyglot cells, beside the shared ones they reuse (messages_received, lost_count,
 * duplicated_count, reordered_count, corrupted_count, latency_p50_us, latency_p99_us, latency_max_us).
 */
import type { MetricSpec } from '../metrics.js';

const info = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'info',
  better: 'none',
  description,
});

export const POLYGLOT_METRICS: readonly MetricSpec[] = [
  {
    name: 'client_works',
    unit: 'count',
    class: 'exact',
    better: 'higher',
    description: '1 when the client got the whole stream, to its end marker, without an error; 0 when not',
  },
  {
    name: 'unexpected_outcome_count',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    mustBeZero: true,
    description: 'cells whose client worked when it should have been refused, or failed when it should have worked',
  },
  {
    name: 'clock_mismatch_us',
    unit: 'µs',
    class: 'exact',
    better: 'lower',
    mustBeZero: true,
    description:
      "how far the foreign runtime's latency clock fell outside two process.hrtime readings taken around it (0 = the same clock)",
  },
  info(
    'clock_probe_window_us',
    'µs',
    'median width of the hrtime readings around the foreign clock: how tightly the clock check pins the two clocks',
  ),
  info('client_process_ms', 'ms', 'wall time of the foreign client process, runtime start-up included'),
  info(
    'foreign_body_bytes',
    'B',
    'bytes the foreign client read as messages (SSE body lines after de-chunking, WS message payloads)',
  ),
  info(
    'foreign_socket_bytes',
    'B',
    'bytes the foreign client read from its socket, headers and framing included (Python only: the JDK hides its sockets)',
  ),
  info('pings_answered_count', 'count', 'WS pings the foreign client answered with a pong'),
  info(
    'page_errors_count',
    'count',
    'error events the browser page saw (EventSource error, WebSocket error, fetch rejection)',
  ),
  {
    name: 'latency_above_min_p50_us',
    unit: 'µs',
    class: 'noisy',
    better: 'lower',
    description:
      "browser: one-way latency above the stream's fastest message, median (page clock differences only: performance.now() is not hrtime)",
  },
  {
    name: 'latency_above_min_p99_us',
    unit: 'µs',
    class: 'noisy',
    better: 'lower',
    description: "browser: one-way latency above the stream's fastest message, 99th percentile",
  },
  info(
    'page_clock_resolution_us',
    'µs',
    'the smallest step of performance.now() in the page (Chromium coarsens it to 100 µs unless cross-origin isolated)',
  ),
  info('ws_close_code', 'code', 'the close code the page saw (1000 normal, 1006 refused or dropped)'),
  info('chromium_major_version', 'version', 'the Chromium that ran the page'),
];
