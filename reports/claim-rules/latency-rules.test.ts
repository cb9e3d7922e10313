import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../fixtures.js';
import { setFigure, verdictOf, verdictTextOf } from './rule-test-helpers.js';

/** Steady and fan-out with WS 20 µs ahead of SSE at the median and level at p99; the floor as given. */
function latencies(floorP50Us: number) {
  const doc = buildFixtureDocument();
  for (const scenario of ['steady', 'fan-out']) {
    setFigure(doc, `${scenario}/sse`, 'latency_p50_us', 120);
    setFigure(doc, `${scenario}/ws`, 'latency_p50_us', 100);
    setFigure(doc, `${scenario}/sse`, 'latency_p99_us', 900);
    setFigure(doc, `${scenario}/ws`, 'latency_p99_us', 900);
  }
  setFigure(doc, 'tcp-floor/tcp', 'latency_p50_us', floorP50Us);
  return doc;
}

describe('WS-2 and SSE-5: the run\'s latency resolution', () => {
  it('call a gap smaller than the TCP floor\'s p50 unresolved, not a win', () => {
    const doc = latencies(90);
    expect(verdictTextOf(doc, 'SSE-5')).toMatch(/within the run's resolution \(20 µs apart < 90 µs\)/);
    expect(verdictOf(doc, 'SSE-5')).toBe('refuted');
    expect(verdictOf(doc, 'WS-2')).toBe('supported');
  });

  it('let the same gap count once the floor is finer than it', () => {
    const doc = latencies(10);
    expect(verdictTextOf(doc, 'SSE-5')).not.toMatch(/resolution/);
    expect(verdictTextOf(doc, 'SSE-5')).toMatch(/WS lower by 20%/);
    expect(verdictOf(doc, 'SSE-5')).toBe('depends');
  });
});
