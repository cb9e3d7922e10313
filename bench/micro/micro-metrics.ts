/**
 * The micro-benchmark metrics, listed in the catalogue (bench/metric-catalogue.ts) so compare gates
 * them like any other noisy metric.
 */
import type { MetricSpec } from '../metrics.js';

/** Every micro-benchmark, by name: the CPU-only hot paths of both transports. */
export const MICRO_BENCHMARKS = {
  envelope_text_encode: 'encode one envelope to its text line',
  envelope_text_decode: 'decode one envelope text line, checksum included',
  envelope_binary_encode: 'encode one envelope to its binary frame body',
  envelope_binary_decode: 'decode one binary envelope, checksum included',
  sse_event_encode: 'format one SSE event (id and data lines) around an envelope line',
  sse_event_parse: 'parse one SSE event with eventsource-parser',
  ws_frame_encode: 'frame one WebSocket text message (server side, unmasked) with ws',
  ws_frame_parse: 'parse one WebSocket text frame back with ws',
} as const;

export type MicroBenchmarkName = keyof typeof MICRO_BENCHMARKS;

/** The metric a micro-benchmark reports: mean nanoseconds per operation. */
export function microMetricName(name: MicroBenchmarkName): string {
  return `micro_${name}_ns_per_op`;
}

/** One noisy metric per micro-benchmark. */
export const MICRO_METRICS: readonly MetricSpec[] = (Object.keys(MICRO_BENCHMARKS) as MicroBenchmarkName[]).map(
  (name) => ({
    name: microMetricName(name),
    unit: 'ns/op',
    class: 'noisy',
    better: 'lower',
    description: `micro-benchmark: ${MICRO_BENCHMARKS[name]}, mean time per operation`,
  }),
);
