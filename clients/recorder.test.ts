import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder.js';

describe('Recorder', () => {
  it('records latency only while measuring, into the run histogram and a per-second timeline', () => {
    const recorder = new Recorder();
    recorder.recordLatency(5_000_000, 0); // before the window: ignored
    recorder.startMeasuring();
    const start = (recorder as unknown as { windowStartNs: number }).windowStartNs;
    // Second 0: latencies 100 µs; second 2: latencies 300 µs (second 1 has no message).
    for (let i = 0; i < 10; i++) recorder.recordLatency(start + i * 1e6 + 100_000, start + i * 1e6);
    for (let i = 0; i < 10; i++) recorder.recordLatency(start + 2e9 + i * 1e6 + 300_000, start + 2e9 + i * 1e6);
    recorder.stopMeasuring();
    const latency = recorder.histograms.get('latency_us')!;
    expect(latency.totalCount).toBe(20);
    expect(latency.getValueAtPercentile(25)).toBe(100);
    expect(latency.getValueAtPercentile(75)).toBe(300);
    expect(recorder.measuredMessages).toBe(20);
    expect(recorder.timeline).toEqual([
      { tMs: 0, count: 10, p50Us: 100, p99Us: 100 },
      { tMs: 2000, count: 10, p50Us: 300, p99Us: 300 },
    ]);
  });

  it('clamps a receive time before the scheduled time to zero', () => {
    const recorder = new Recorder();
    recorder.startMeasuring();
    const start = (recorder as unknown as { windowStartNs: number }).windowStartNs;
    recorder.recordLatency(start + 1000, start + 5000);
    recorder.stopMeasuring();
    expect(recorder.histograms.get('latency_us')!.maxValue).toBe(0);
  });
});
