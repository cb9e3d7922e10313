import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { TRANSPORTS } from '../../transports/registry.js';
import { rowOf, setFigure, verdictOf, verdictTextOf, withCells } from '../../test/support/rule-helpers.js';

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

describe("WS-2 and SSE-5: the run's latency resolution", () => {
  it("call a gap smaller than the TCP floor's p50 unresolved, not a win", () => {
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

describe('WS-2 and SSE-5 beside other layers', () => {
  it('show the TLS and HTTP/2 cells of the same condition and say the verdict rests on the plain pair', () => {
    const doc = withCells(latencies(10), [
      {
        scenario: 'steady',
        transport: TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed)!.name,
        medians: { latency_p50_us: 130, latency_p99_us: 950 },
      },
    ]);
    const row = rowOf(doc, 'WS-2');
    expect(row.sse.some((line) => /steady SSE \(HTTP\/2\): p50 130 µs/.test(line))).toBe(true);
    expect(verdictTextOf(doc, 'WS-2')).toMatch(/rests on the plain HTTP\/1\.1 cells; SSE \(HTTP\/2\) shown beside/);
    expect(verdictTextOf(latencies(10), 'WS-2')).not.toMatch(/rests on/);
  });
});
