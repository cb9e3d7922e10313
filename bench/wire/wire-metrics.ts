/**
 * The wire scenarios' metrics, listed in the catalogue (bench/metric-catalogue.ts). Every
 * per-message figure is a total over one bounded stream divided by its message count N, the
 * totals taken from the client socket's raw bytes: with N fixed, the same code gives the same
 * figures run after run.
 *
 * Why the totals are `info` and the parts `exact`: a text envelope carries its scheduled time as
 * decimal nanoseconds of the host's monotonic clock (time since boot), so its width (12 digits in the
 * first 17 minutes of uptime, 13 up to 2.8 hours, 14 up to 28 hours, 15 after) moves every message by
 * a byte. Bytes per message
 * are therefore exact on one host (two runs give the same figure) but not across hosts, and the CI
 * compares against a baseline made elsewhere. The framing parts, the handshakes, the payload and
 * the once-per-stream bytes do not depend on the clock: those are gated exactly.
 */
import { percentileMetrics, type MetricSpec } from '../metrics.js';

const exactBytes = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'B',
  class: 'exact',
  better: 'lower',
  description,
});
const infoBytes = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'B',
  class: 'info',
  better: 'lower',
  description,
});
const mustBeZero = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'B',
  class: 'exact',
  better: 'lower',
  description,
  mustBeZero: true,
});

/** The wire family's own metrics; wire_bytes_*_per_msg, handshake_*, latency_* and CPU exist already. */
export const WIRE_METRICS: readonly MetricSpec[] = [
  infoBytes(
    'overhead_bytes_down_per_msg',
    'bytes per message server→client beyond the payload: framing, envelope, base64',
  ),
  {
    name: 'efficiency_pct',
    unit: '%',
    class: 'info',
    better: 'higher',
    description: 'payload bytes / wire bytes per message, server→client',
  },
  exactBytes(
    'framing_bytes_down_per_msg',
    'transport framing per message: SSE field names, id values, line endings and chunk framing; WS frame headers',
  ),
  exactBytes(
    'sse_field_bytes_per_msg',
    'SSE: `id: `, `data: ` and every line ending of an event, the blank line included',
  ),
  exactBytes('sse_id_bytes_per_msg', 'SSE: the `id:` value (the sequence number Last-Event-ID resumes from)'),
  exactBytes('chunk_framing_bytes_per_msg', 'SSE over HTTP/1.1: chunk-size lines and CRLFs around the events'),
  exactBytes('ws_header_bytes_per_msg', 'WS: frame headers (2, 4 or 10 bytes; +4 mask client→server)'),
  infoBytes(
    'envelope_bytes_per_msg',
    "the harness's envelope fields (stream, sequence, decimal scheduled time and write lag, kind, checksum; WS binary: 32 bytes)",
  ),
  // Records per message depend on how writes batch, and tickets on the TLS stack: counted, but not gated.
  infoBytes(
    'tls_record_bytes_down_per_msg',
    'TLS: what the records add per message server→client beyond the application bytes (headers, AEAD tags, content types, session tickets amortised)',
  ),
  infoBytes('tls_handshake_bytes_down', 'TLS: socket bytes server→client of the TLS handshake, certificate included'),
  infoBytes('tls_handshake_bytes_up', 'TLS: socket bytes client→server of the TLS handshake'),
  exactBytes(
    'h2_data_frame_bytes_per_msg',
    'HTTP/2: DATA frame headers (9 bytes each, and any padding) around the events, per message',
  ),
  exactBytes('h2_request_header_block_bytes', 'HTTP/2: the request header block, HPACK-compressed (RFC 7541)'),
  exactBytes('h2_response_header_block_bytes', 'HTTP/2: the response header block, HPACK-compressed'),
  infoBytes(
    'h2_window_update_bytes_up',
    'HTTP/2: WINDOW_UPDATE frames client→server while the stream ran (flow control)',
  ),
  exactBytes('payload_on_wire_bytes_per_msg', 'the payload as it travels: raw, or base64 in SSE'),
  exactBytes('base64_expansion_bytes_per_msg', 'SSE binary: base64 characters beyond the payload bytes they encode'),
  exactBytes(
    'stream_fixed_bytes_down',
    'bytes server→client once per stream: SSE retry preamble, end event and last chunk; WS end marker and close frame',
  ),
  exactBytes('stream_fixed_bytes_up', 'bytes client→server once per stream after the set-up (the WS close frame)'),
  {
    name: 'compression_ratio',
    unit: 'ratio',
    class: 'info',
    better: 'higher',
    description: 'message bytes decoded / as sent compressed (gzip data or deflate frame payloads)',
  },
  mustBeZero(
    'unattributed_bytes_down',
    'socket bytes read that the parsed handshake, messages and once-per-stream bytes do not account for',
  ),
  mustBeZero(
    'socket_count_mismatch_bytes',
    "client socket counts against the server's, both directions: any difference",
  ),
  exactBytes(
    'overhead_bytes_up_per_msg',
    'upstream: bytes client→server per message beyond its body (POST request head; WS frame header and mask)',
  ),
  exactBytes(
    'ack_bytes_down_per_msg',
    'upstream: bytes server→client acknowledging each message (POST 204 response; WS `!ack` frame)',
  ),
  {
    name: 'upstream_body_bytes',
    unit: 'B',
    class: 'info',
    better: 'none',
    description: 'upstream: one message body (envelope and payload), the same on both transports',
  },
  {
    name: 'downstream_msgs_per_sec',
    unit: 'msg/s',
    class: 'noisy',
    better: 'higher',
    description:
      'upstream: stream messages received per second while the upstream messages went out (the schedule is 1,000/s)',
  },
  ...percentileMetrics(
    'downstream_latency',
    'upstream: one-way latency of the busy downstream stream while upstream messages flow',
  ),
];
