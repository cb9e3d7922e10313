import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import type { ClientRunResult } from '../clients/client-protocol.js';
import { createHistogram, encodeHistogram } from '../clients/recorder.js';
import { createBarrier, splitEvenly } from './cell-clients.js';
import { MergeError, mergeClientRuns } from './merge-client-runs.js';
import { parseOpenFilesLimit } from './open-files-limit.js';

/** A process's result whose latency histogram holds exactly `samples`. */
function resultOf(samples: number[], metrics: Record<string, number>): ClientRunResult {
  const histogram = createHistogram();
  for (const value of samples) histogram.recordValue(value);
  return {
    metrics: { ...metrics, latency_p50_us: histogram.getValueAtPercentile(50) },
    histograms: { latency_us: encodeHistogram(histogram) },
    timeline: [{ tMs: 0, count: samples.length, p50Us: 1, p99Us: 2 }],
    errorCounts: { connect: 1 },
    warnings: [],
  };
}

describe('mergeClientRuns', () => {
  const a = [10, 20, 30, 40, 5000];
  const b = [15, 25, 35, 900_000];
  const c = [1, 2, 3];
  const runs = [
    resultOf(a, { connections: 2, messages_received: 5, wire_bytes_down_per_msg: 10, handshake_bytes_down: 100 }),
    resultOf(b, { connections: 6, messages_received: 4, wire_bytes_down_per_msg: 19, handshake_bytes_down: 200 }),
    resultOf(c, { connections: 2, messages_received: 3, wire_bytes_down_per_msg: 1, handshake_bytes_down: 300 }),
  ];

  it('merges histograms exactly: the same as one built from every sample', () => {
    const merged = mergeClientRuns(runs);
    const decoded = hdr.decodeFromCompressedBase64(merged.histograms.latency_us!);
    const all = createHistogram();
    for (const value of [...a, ...b, ...c]) all.recordValue(value);
    expect(decoded.totalCount).toBe(all.totalCount);
    for (const pct of [1, 25, 50, 90, 99, 100])
      expect(decoded.getValueAtPercentile(pct)).toBe(all.getValueAtPercentile(pct));
    expect(merged.metrics.latency_p50_us).toBe(all.getValueAtPercentile(50));
    // The encoding keeps values at HDR's resolution, so the maximum compares as the encoded one.
    const allEncoded = hdr.decodeFromCompressedBase64(encodeHistogram(all));
    expect(merged.metrics.latency_max_us).toBe(allEncoded.maxValue);
    expect(decoded.maxValue).toBe(allEncoded.maxValue);
  });

  it('sums counters and weights per-message and per-connection figures by what is behind them', () => {
    const merged = mergeClientRuns(runs);
    expect(merged.metrics.connections).toBe(10);
    expect(merged.metrics.messages_received).toBe(12);
    expect(merged.metrics.wire_bytes_down_per_msg).toBeCloseTo((5 * 10 + 4 * 19 + 3 * 1) / 12, 10);
    expect(merged.metrics.handshake_bytes_down).toBeCloseTo((2 * 100 + 6 * 200 + 2 * 300) / 10, 10);
    expect(merged.errorCounts).toEqual({ connect: 3 });
    expect(merged.timeline).toEqual([{ tMs: 0, count: 12, p50Us: 1, p99Us: 2 }]);
  });

  it('refuses a metric it has no rule for instead of guessing', () => {
    const odd = resultOf([1], { connections: 1, made_up_ratio: 0.5 });
    expect(() => mergeClientRuns([odd, odd])).toThrow(MergeError);
    expect(() => mergeClientRuns([odd, odd])).toThrow(/made_up_ratio has no merge rule/);
  });
});

describe('local client processes', () => {
  it('splits connections into shares that differ by at most one and add up', () => {
    expect(splitEvenly(10_000, 2)).toEqual([5000, 5000]);
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(10, 3).reduce((x, y) => x + y)).toBe(10);
  });

  it('opens the barrier only when every process has arrived, and fails it on abort', async () => {
    const abort = new AbortController();
    const arrive = createBarrier(2, abort.signal);
    let opened = false;
    const first = arrive().then(() => (opened = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(opened).toBe(false);
    await arrive();
    await first;
    expect(opened).toBe(true);

    const failing = new AbortController();
    const wait = createBarrier(3, failing.signal)();
    failing.abort();
    await expect(wait).rejects.toThrow(/another client process failed/);
  });
});

describe('parseOpenFilesLimit', () => {
  it('reads the soft and hard limits from /proc/<pid>/limits', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units',
      'Max processes             95147                95147                processes',
      'Max open files            20000                40000                files',
    ].join('\n');
    expect(parseOpenFilesLimit(limits)).toEqual({ soft: 20000, hard: 40000 });
    expect(parseOpenFilesLimit(limits.replace('40000', 'unlimited')).hard).toBe(Number.POSITIVE_INFINITY);
  });
});
