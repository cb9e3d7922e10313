import { describe, expect, it } from 'vitest';
import { toBencherMetricFormat, toGithubActionBenchmark, toMeasureSlug } from './exports.js';
import { buildResultsDocument, buildStreamingCell } from '../../test/support/compare-fixtures.js';

const doc = buildResultsDocument({
  cells: [
    buildStreamingCell('steady/sse', 0, { latency_p50_us: [900, 700, 800, 1000, 600] }),
    { ...buildStreamingCell('steady/ws', 0), failedRepeats: [0] },
  ],
  repeats: 5,
  seed: 3,
});

describe('toBencherMetricFormat', () => {
  const bmf = toBencherMetricFormat(doc);

  it('has one benchmark per cell and one kebab-case measure per metric', () => {
    expect(Object.keys(bmf)).toEqual(['steady/sse', 'steady/ws']);
    expect(Object.keys(bmf['steady/sse'] ?? {})).toContain('latency-p50-us');
    expect(toMeasureSlug('Micro_WS__frame_ns_per_op')).toBe('micro-ws-frame-ns-per-op');
  });

  it('reports the median with the lowest and highest run as bounds', () => {
    expect(bmf['steady/sse']?.['latency-p50-us']).toEqual({ value: 800, lower_value: 600, upper_value: 1000 });
    expect(bmf['steady/sse']?.['wire-bytes-down-per-msg']).toEqual({ value: 94, lower_value: 94, upper_value: 94 });
  });

  it('is valid BMF: every metric has a numeric value', () => {
    for (const measures of Object.values(bmf)) {
      for (const metric of Object.values(measures)) expect(typeof metric.value).toBe('number');
    }
  });
});

describe('toGithubActionBenchmark', () => {
  const exported = toGithubActionBenchmark(doc);

  it('splits metrics by direction for customSmallerIsBetter and customBiggerIsBetter', () => {
    const smaller = exported.smallerIsBetter.map((e) => e.name);
    const bigger = exported.biggerIsBetter.map((e) => e.name);
    expect(smaller).toContain('steady/sse latency_p50_us');
    expect(smaller).toContain('steady/ws lost_count');
    expect(bigger).toEqual(['steady/sse throughput_msgs_per_sec', 'steady/ws throughput_msgs_per_sec']);
    // No direction, so no place in either file.
    expect([...smaller, ...bigger].some((name) => name.endsWith('messages_received'))).toBe(false);
  });

  it('fills name, unit, value, range and extra', () => {
    const latency = exported.smallerIsBetter.find((e) => e.name === 'steady/sse latency_p50_us');
    expect(latency).toEqual({
      name: 'steady/sse latency_p50_us',
      unit: 'µs',
      value: 800,
      range: '± 200',
      extra: 'median of 5 runs, min 600, max 1000',
    });
  });

  it('uses only successful runs', () => {
    const wsLatency = exported.smallerIsBetter.find((e) => e.name === 'steady/ws latency_p50_us');
    expect(wsLatency?.extra).toContain('median of 4 runs');
  });
});
