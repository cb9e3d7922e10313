/**
 * Metrics of the seed-stack cells (the article's own systems), beside the shared ones they reuse
 * (latency_p50_us, latency_p99_us, page_errors_count and the stream family's for java-sse/java-ws).
 * Counts are exact; times are noisy; configuration echoes are info.
 */
import type { MetricSpec } from '../metrics.js';

const info = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'info',
  better: 'none',
  description,
});
const exact = (name: string, description: string, better: MetricSpec['better'] = 'none'): MetricSpec => ({
  name,
  unit: 'count',
  class: 'exact',
  better,
  description,
});
const noisyMs = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'ms',
  class: 'noisy',
  better: 'lower',
  description,
});

export const SEED_METRICS: readonly MetricSpec[] = [
  // OBS-1: SseEmitter(0L) and SseEmitter() against Tomcat's async timeout.
  info(
    'container_async_timeout_ms',
    'ms',
    "Tomcat's connector asyncTimeout as run (what new SseEmitter() falls back to)",
  ),
  exact('stream_events_sent', 'events each timeout stream was to send'),
  exact('emitter_zero_events', 'events the observer got from new SseEmitter(0L)', 'higher'),
  exact('emitter_zero_end_marker', '1 when the SseEmitter(0L) stream reached its end marker', 'higher'),
  info('emitter_zero_ended_ms', 'ms', 'when the SseEmitter(0L) response ended, from the request'),
  exact('emitter_default_events', 'events the observer got from new SseEmitter() before it ended'),
  exact('emitter_default_end_marker', '1 when the SseEmitter() stream reached its end marker (0: cut)'),
  {
    name: 'emitter_default_cut_ms',
    unit: 'ms',
    class: 'info',
    better: 'none',
    description: 'when the SseEmitter() response ended without its end marker, from the request (-1: not cut)',
  },
  info('emitter_default_last_event_ms', 'ms', 'the last event the SseEmitter() stream delivered, from the request'),
  info(
    'emitter_default_ending_code',
    'code',
    'how the cut showed: 0 a clean end of the response body, 1 a reset, 2 another error, 3 nothing until the deadline',
  ),
  info('emitter_default_status', 'code', 'the HTTP status of the SseEmitter() stream'),
  exact('emitter_timeouts_server', 'SseEmitter onTimeout callbacks the server saw'),
  exact(
    'sends_after_complete_server',
    "send() calls that threw IllegalStateException after the container had timed the emitter out (the article's catch does not name it)",
  ),
  exact('python_article_zero_events', "events the article's Python reader got from SseEmitter(0L)"),
  exact('python_article_zero_end_marker', "1 when the article's Python reader saw code -200 from SseEmitter(0L)"),
  exact('python_article_default_events', "events the article's Python reader got from SseEmitter() before the cut"),
  exact('python_article_default_end_marker', "1 when the article's Python reader saw code -200 from SseEmitter()"),
  exact(
    'python_article_default_error',
    "1 when the article's Python reader raised on the cut (0: its loop just ended)",
  ),
  info('java_server_threads', 'count', 'threads in the Spring/Tomcat JVM at the end of the cell'),
  // SSE-8: async-http-client body parts.
  exact('ahc_events_sent', 'events the server sent'),
  info('ahc_body_parts', 'count', 'body parts onBodyPartReceived was called with'),
  info(
    'ahc_parts_one_event',
    'count',
    "body parts holding exactly one whole event (what the article's handler assumes every part is)",
  ),
  info('ahc_parts_fragment', 'count', 'body parts holding a fragment of an event (split)'),
  info(
    'ahc_parts_many_events',
    'count',
    'body parts holding two or more whole events (run together: "sticky packets")',
  ),
  info('ahc_events_split', 'count', 'events whose bytes arrived in more than one body part'),
  exact('ahc_article_messages_ok', "events the article's handler (a body part is a message) got intact", 'higher'),
  exact(
    'ahc_article_lost_or_mangled',
    "events the article's handler did not get as one intact message (split over parts or run together with others)",
    'lower',
  ),
  exact('ahc_spec_events', 'events a spec parser found in the same bytes', 'higher'),
  {
    ...exact('ahc_spec_lost', 'events the spec parser fed the same body parts did not get intact', 'lower'),
    mustBeZero: true,
  },
  { ...exact('ahc_spec_corrupted', 'events the spec parser got with a wrong checksum', 'lower'), mustBeZero: true },
  exact('ahc_end_marker', '1 when the end marker arrived', 'higher'),
  // The Python readers.
  exact('spring_chat_events_sent', 'events the Spring article endpoint sent'),
  exact('spring_chat_delivered', "events the reader got intact from Spring's article endpoint", 'higher'),
  exact('spring_chat_lost', "events the reader did not get from Spring's article endpoint", 'lower'),
  exact('spring_chat_end_marker', '1 when the reader saw code -200', 'higher'),
  exact(
    'spring_stream_delivered',
    "events the reader got intact from Spring's envelope stream (id: and data: lines)",
    'higher',
  ),
  exact('spring_stream_lost', "events the reader did not get from Spring's envelope stream", 'lower'),
  exact('spring_stream_raised', "1 when the reader raised on Spring's envelope stream"),
  exact('cases_events_sent', 'events sent over all edge cases'),
  exact('cases_lost', 'edge-case events the reader did not return at all', 'lower'),
  exact('cases_mangled', 'edge-case events the reader returned with the wrong data', 'lower'),
  ...['space', 'no_space', 'multi_line', 'cr', 'crlf', 'comments', 'id_and_event'].flatMap((key) => [
    exact(`case_${key}_delivered`, `edge case ${key.replace(/_/g, '-')}: events returned intact`, 'higher'),
    exact(`case_${key}_lost`, `edge case ${key.replace(/_/g, '-')}: events not returned`, 'lower'),
    exact(`case_${key}_mangled`, `edge case ${key.replace(/_/g, '-')}: events returned with the wrong data`, 'lower'),
    exact(`case_${key}_raised`, `edge case ${key.replace(/_/g, '-')}: 1 when the reader raised`),
  ]),
  // OBS-2: dev proxies.
  exact('dev_stream_events_sent', 'events of the dev-proxy stream'),
  info('dev_stream_length_ms', 'ms', 'scheduled time from the first event to the last'),
  exact('dev_events_received', 'events the observer got through the path', 'higher'),
  noisyMs('dev_first_event_ms', 'time to the first event through the path, from the request'),
  info(
    'dev_event_spread_ms',
    'ms',
    'first to last event through the path: near the stream length when events come one by one, near 0 when in one piece',
  ),
  info('dev_body_chunks', 'count', 'body chunks the observer read'),
  exact('dev_compressed', '1 when the path compressed the event stream (content-encoding set)'),
  exact('dev_end_marker', '1 when the end marker came through', 'higher'),
  exact('dev_buffered', '1 when the first event came after half the stream had been sent (buffered)', 'lower'),
  exact('page_messages', "events the article's fetch-event-source page got", 'higher'),
  noisyMs('page_first_event_ms', "the page's first event, from its fetch (performance.now())"),
  info('page_event_spread_ms', 'ms', "the page's first to last event"),
];
