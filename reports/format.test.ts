import { describe, expect, it } from 'vitest';
import {
  computeRatio,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatDurationUs,
  formatMedianWithSpread,
  formatPercent,
  formatRatePerSec,
  formatRatio,
} from './format.js';
import { formatMetricValue, orderMetricNames } from './metric-info.js';

describe('format', () => {
  it('picks µs, ms or s for durations, three significant figures', () => {
    expect(formatDurationUs(8.123)).toBe('8.12 µs');
    expect(formatDurationUs(812.4)).toBe('812 µs');
    expect(formatDurationUs(1234)).toBe('1.23 ms');
    expect(formatDurationUs(45_600)).toBe('45.6 ms');
    expect(formatDurationUs(2_500_000)).toBe('2.5 s');
    expect(formatDurationMs(35)).toBe('35 ms');
  });

  it('prints bytes in binary units', () => {
    expect(formatBytes(22)).toBe('22 B');
    expect(formatBytes(22.4)).toBe('22.4 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1048576)).toBe('5 MiB');
  });

  it('prints percentages, ratios, rates and counts without the locale', () => {
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatRatio(computeRatio(297, 425))).toBe('0.70×');
    expect(formatRatio(computeRatio(1, 0))).toBe('—');
    expect(formatRatePerSec(930_000, 'msg/s')).toBe('930 k msg/s');
    expect(formatRatePerSec(1_234_567, 'msg/s')).toBe('1.23 M msg/s');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(50_652.8)).toBe('50,652.8');
  });

  it('shows a median with its spread, and says when there was one repeat', () => {
    const summary = { median: 812, min: 800, max: 832, spreadPct: 3.9, n: 3 };
    expect(formatMedianWithSpread(summary, formatDurationUs)).toBe('812 µs ±4%');
    expect(formatMedianWithSpread({ ...summary, spreadPct: 0.42 }, formatDurationUs)).toBe('812 µs ±0.4%');
    expect(formatMedianWithSpread({ ...summary, n: 1 }, formatDurationUs)).toBe('812 µs (1 run)');
  });

  it('reads the unit from the metric name', () => {
    expect(formatMetricValue('latency_p99_us', 1900)).toBe('1.9 ms');
    expect(formatMetricValue('reconnect_p50_ms', 35)).toBe('35 ms');
    expect(formatMetricValue('wire_bytes_down_per_msg', 108)).toBe('108 B');
    expect(formatMetricValue('server_heap_kib_per_conn', 23.5)).toBe('23.5 KiB');
    expect(formatMetricValue('throughput_msgs_per_sec', 10_200)).toBe('10.2 k msg/s');
    expect(formatMetricValue('client_impl_loc', 160)).toBe('160');
    expect(formatMetricValue('first_event_ratio_vs_direct', 9.44)).toBe('9.44×');
  });

  it('orders metrics by group (timings, volume, integrity… bytes), then family and percentile', () => {
    const names = [
      'handshake_bytes_up',
      'lost_count',
      'ttft_max_us',
      'ttft_p999_us',
      'ttft_p99_us',
      'ttft_p50_us',
      'latency_p99_us',
      'latency_p50_us',
      'throughput_msgs_per_sec',
      'zeta_unknown',
    ];
    expect(orderMetricNames(names)).toEqual([
      'latency_p50_us',
      'latency_p99_us',
      'ttft_p50_us',
      'ttft_p99_us',
      'ttft_p999_us',
      'ttft_max_us',
      'throughput_msgs_per_sec',
      'lost_count',
      'handshake_bytes_up',
      'zeta_unknown',
    ]);
  });
});
