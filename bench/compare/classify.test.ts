import { describe, expect, it } from 'vitest';
import '../micro/micro-metrics.js';
import { classifyMetric, defaultThresholdPct, DEFAULT_THRESHOLD_PCT } from './classify.js';

describe('classifyMetric', () => {
  it('reads class, direction and must-be-zero from the metric registry', () => {
    expect(classifyMetric('latency_p50_us')).toMatchObject({
      class: 'noisy',
      better: 'lower',
      mustBeZero: false,
      specified: true,
      unit: 'µs',
    });
    expect(classifyMetric('throughput_msgs_per_sec')).toMatchObject({ class: 'noisy', better: 'higher' });
    expect(classifyMetric('lost_count')).toMatchObject({ class: 'exact', mustBeZero: true });
    expect(classifyMetric('handshake_bytes_down')).toMatchObject({ class: 'exact', mustBeZero: false });
    expect(classifyMetric('micro_ws_frame_parse_ns_per_op')).toMatchObject({ class: 'noisy', better: 'lower' });
  });

  it('treats a metric nobody registered as info, never gated', () => {
    expect(classifyMetric('not_a_metric')).toMatchObject({ class: 'info', better: 'none', specified: false });
  });

  it('gives tails wider default thresholds and lets an override win', () => {
    expect(defaultThresholdPct('latency_p50_us')).toBe(DEFAULT_THRESHOLD_PCT.central);
    expect(defaultThresholdPct('latency_p99_us')).toBe(DEFAULT_THRESHOLD_PCT.tail);
    expect(defaultThresholdPct('latency_p999_us')).toBe(DEFAULT_THRESHOLD_PCT.extreme);
    expect(defaultThresholdPct('latency_max_us')).toBe(DEFAULT_THRESHOLD_PCT.extreme);
    expect(defaultThresholdPct('throughput_msgs_per_sec')).toBe(DEFAULT_THRESHOLD_PCT.central);
    expect(classifyMetric('latency_p99_us', { latency_p99_us: 3 }).thresholdPct).toBe(3);
  });
});
