/**
 * The measure family's metrics, listed in the harness's one catalogue (bench/metric-catalogue.ts) so that compare
 * gates them like built-in cells: timings and rates are noisy (a rank test over ≥ 5 repeats),
 * counts of a complete stream are exact, stream errors must be zero. Names reused from
 * bench/metrics.ts (connect_*, latency_*, ttft_*, itl_*, handshake_bytes_*) keep their meaning.
 */
import { percentileMetrics, type MetricSpec } from '../metrics.js';

const info = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'info',
  better: 'none',
  description,
});
const higher = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'noisy',
  better: 'higher',
  description,
});

export const MEASURE_METRICS: readonly MetricSpec[] = [
  ...percentileMetrics('ttfe', 'time to first event, from the request start'),
  ...percentileMetrics('gap', 'gap between consecutive events of one connection (one sample per gap)'),
  ...percentileMetrics('tcp_connect', 'TCP connect, from the request start (DNS included)'),
  ...percentileMetrics('tls_handshake', 'TLS handshake, after TCP connect'),
  {
    name: 'events_received',
    unit: 'count',
    class: 'exact',
    better: 'none',
    description: 'events of complete streams (each ended by the end marker or the server), end marker excluded',
  },
  info(
    'events_in_window',
    'count',
    'events received when some stream was cut by its deadline or a stop (not a stream total)',
  ),
  info('tokens_received', 'count', 'openai-chat: chunks with non-empty choices[0].delta.content'),
  higher('events_per_sec', 'event/s', 'events received per second, all connections, over the run'),
  higher(
    'wire_bytes_down_per_sec',
    'B/s',
    'socket bytes server→client per second after the handshakes, all connections',
  ),
  higher(
    'tokens_per_sec',
    'token/s',
    'openai-chat: token chunks per second per connection, from its first token to its last',
  ),
  info(
    'wire_bytes_down_per_event',
    'B',
    'socket bytes server→client after the handshake, per event (TLS records, framing, heartbeats and the end marker included)',
  ),
  info(
    'wire_bytes_up_per_message',
    'B',
    'WebSocket: socket bytes client→server after the handshake, per --send message',
  ),
  {
    name: 'stream_errors_count',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description: 'connections that failed (by category in errorCounts)',
    mustBeZero: true,
  },
  info('end_marker_count', 'count', 'streams ended by the end marker'),
  info('server_close_count', 'count', 'streams the server ended'),
  info('deadline_count', 'count', 'streams stopped at --duration-ms'),
  info('unstamped_events_count', 'count', 'events whose --latency-field was missing or not a time'),
  {
    name: 'resume_lost_count',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description: 'resume check: events after Last-Event-ID that the resumed stream did not deliver',
  },
  {
    name: 'resume_duplicated_count',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description: 'resume check: events delivered again after reconnecting',
  },
  info('resume_retry_ms', 'ms', 'resume check: the retry: value honoured before reconnecting'),
];
