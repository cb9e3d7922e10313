import { describe, expect, it } from 'vitest';
import { classifyMetric } from '../compare/classify.js';
import { formatMicroTable } from './micro-table.js';
import { runMicroBenchmarks, toMicroMetrics } from './run-micro.js';

describe('runMicroBenchmarks', () => {
  it('times the selected benchmarks and reports plausible figures', async () => {
    const results = await runMicroBenchmarks({
      timeMs: 60,
      warmupMs: 10,
      only: ['envelope_text_encode', 'ws_frame_parse'],
    });
    expect(results.map((r) => r.name)).toEqual(['envelope_text_encode', 'ws_frame_parse']);
    for (const result of results) {
      expect(result.error).toBeUndefined();
      // Generous bounds: a shared 2-core machine; anything between 1 ns and 1 ms per op is sane.
      expect(result.meanNs).toBeGreaterThan(1);
      expect(result.meanNs).toBeLessThan(1_000_000);
      expect(result.opsPerSec).toBeCloseTo(1e9 / result.meanNs, 3);
      expect(result.samples).toBeGreaterThan(0);
    }
  });

  it('maps results to registered, noisy lower-is-better metrics', async () => {
    const results = await runMicroBenchmarks({ timeMs: 20, warmupMs: 5, only: ['sse_event_parse'] });
    const metrics = toMicroMetrics(results);
    expect(Object.keys(metrics)).toEqual(['micro_sse_event_parse_ns_per_op']);
    expect(classifyMetric('micro_sse_event_parse_ns_per_op')).toMatchObject({
      class: 'noisy',
      better: 'lower',
      specified: true,
    });
  });

  it('prints failures in the table instead of figures', () => {
    const table = formatMicroTable([
      {
        name: 'ws_frame_parse',
        metric: 'micro_ws_frame_parse_ns_per_op',
        opsPerSec: Number.NaN,
        meanNs: Number.NaN,
        rmePct: Number.NaN,
        samples: 0,
        error: { category: 'integrity', message: 'no message' },
      },
      {
        name: 'sse_event_encode',
        metric: 'micro_sse_event_encode_ns_per_op',
        opsPerSec: 2_000_000,
        meanNs: 500,
        rmePct: 1.5,
        samples: 100,
      },
    ]);
    expect(table).toContain('failed');
    expect(table).toContain('integrity: no message');
    expect(table).toMatch(/sse_event_encode\s+2,000,000\s+500\.0\s+1\.50%\s+100/);
  });
});
