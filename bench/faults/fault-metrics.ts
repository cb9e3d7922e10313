/**
 * The metrics of the fault family (reconnect-*, long-lived, client-impl), listed in the catalogue
 * (bench/metric-catalogue.ts). lost_count and duplicated_count keep their shared names
 * (and their correctness gate): a resume that loses or repeats a message fails the run. Without
 * resume, loss is the expected outcome, so it is reported as lost_without_resume_count, not gated.
 * The console shows every metric that is not `info`: counts that vary with the length of an outage
 * are `noisy` (with no better direction where neither way is better), context figures are `info`.
 */
import type { MetricSpec } from '../metrics.js';

const noisyMs = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'ms',
  class: 'noisy',
  better: 'lower',
  description,
});
const info = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'info',
  better: 'none',
  description,
});
const noisyCount = (name: string, better: MetricSpec['better'], description: string): MetricSpec => ({
  name,
  unit: 'count',
  class: 'noisy',
  better,
  description,
});

/** Every metric this family reports. */
export const FAULT_METRICS: readonly MetricSpec[] = [
  noisyMs('detect_p50_ms', 'from the injected fault to the client noticing the drop, median over connections'),
  noisyMs('detect_p99_ms', 'from the injected fault to the client noticing the drop, 99th percentile over connections'),
  info('detect_max_ms', 'ms', 'from the injected fault to the client noticing the drop, slowest connection'),
  noisyMs(
    'reconnect_p50_ms',
    'from noticing the drop to the first message on the reopened stream, median over connections',
  ),
  noisyMs('reconnect_p99_ms', 'from noticing the drop to the first message on the reopened stream, 99th percentile'),
  info(
    'reconnect_max_ms',
    'ms',
    'from noticing the drop to the first message on the reopened stream, slowest connection',
  ),
  noisyCount(
    'reconnect_attempts_count',
    'lower',
    'attempts to reopen the streams after the fault, all connections (one each when the first attempt succeeds)',
  ),
  info(
    'drops_count',
    'count',
    'drops the clients noticed in the measured window (one per connection per fault is expected)',
  ),
  {
    name: 'unrecovered_count',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    mustBeZero: true,
    description: 'connections that had no message after the fault by the end of the window',
  },
  noisyCount(
    'lost_without_resume_count',
    'none',
    'messages lost across reconnects when the client does not resume (expected: what fell due while it was away)',
  ),
  noisyCount(
    'replayed_count',
    'none',
    'messages delivered after a reconnect that were scheduled before the reconnect request was sent: what resume recovered from the replay buffer',
  ),
  info(
    'heartbeats_count',
    'count',
    'heartbeats received in the measured window (SSE comments, WS pings), all connections',
  ),
  info(
    'server_restart_ms',
    'ms',
    'kill-restart: from SIGKILL to the new server being ready and the proxy pointing at it',
  ),
  noisyCount('streams_cut_count', 'lower', 'long-lived: streams the path cut in the measured window, all connections'),
  noisyMs('cut_after_p50_ms', 'long-lived: how long a stream lived before the path cut it, median'),
  noisyMs('cut_after_p99_ms', 'long-lived: how long a stream lived before the path cut it, 99th percentile'),
  info('cut_after_max_ms', 'ms', 'long-lived: how long a stream lived before the path cut it, longest'),
  {
    name: 'heartbeat_bytes_each',
    unit: 'B',
    class: 'exact',
    better: 'lower',
    description:
      'socket bytes of one heartbeat, both directions (SSE: the comment in its HTTP chunk; WS: ping plus the masked pong)',
  },
  {
    name: 'heartbeat_bytes_per_min',
    unit: 'B',
    class: 'noisy',
    better: 'lower',
    description: "heartbeat socket bytes per connection per minute at the run's heartbeat interval",
  },
  {
    name: 'client_impl_loc',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description: 'non-blank, non-comment source lines of the reconnecting client, shared modules included',
  },
  {
    name: 'client_impl_own_loc',
    unit: 'count',
    class: 'exact',
    better: 'lower',
    description: "non-blank, non-comment source lines of the transport's own reconnecting-client file",
  },
  info(
    'client_impl_features_count',
    'count',
    'behaviours the reconnecting client implements (listed in the cell params)',
  ),
];
