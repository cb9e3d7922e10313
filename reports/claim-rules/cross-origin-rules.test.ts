import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { findCell, rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

describe('WS-6: cross-origin in a real browser', () => {
  it('is supported when WS got through cross-origin with no server support; it says SSE needed CORS and the Origin check kept a page out', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'WS-6')).toBe('supported');
    const text = verdictTextOf(doc, 'WS-6');
    expect(text).toMatch(/^a page on another origin opened WS and got its whole stream with no server support/);
    expect(text).toMatch(
      /EventSource from the same page was blocked until the server sent Access-Control-Allow-Origin \(without it: no stream \(connect\); with it: works, nothing lost\)/,
    );
    expect(text).toMatch(
      /only the server's Origin check kept the foreign page out \(ws-cross-origin-origin-checked: no stream \(close:1006\)\)/,
    );
    expect(rowOf(doc, 'WS-6').ws).toEqual([
      expect.stringMatching(/^ws-cross-origin: works/),
      expect.stringMatching(/^ws-cross-origin-origin-checked: no stream/),
    ]);
  });

  it('is refuted when the cross-origin WS page got nothing', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'browser/ws-cross-origin', 'client_works', 0);
    expect(verdictOf(doc, 'WS-6')).toBe('refuted');
  });

  it('is refuted when the WS page got its stream in only some repeats', () => {
    const doc = buildFixtureDocument();
    const cell = findCell(doc, 'browser/ws-cross-origin');
    cell.runs[1]!.metrics['client_works'] = 0;
    cell.summary['client_works'] = { ...cell.summary['client_works']!, min: 0 };
    expect(verdictOf(doc, 'WS-6')).toBe('refuted');
    expect(verdictTextOf(doc, 'WS-6')).toMatch(/did not get its WS stream \(worked in 2 of 3 repeats\)/);
  });

  it('reports what the figures say when EventSource got through without CORS or the Origin check let the page in', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'browser/sse-cross-origin-no-cors', 'client_works', 1);
    setFigure(doc, 'browser/ws-cross-origin-origin-checked', 'client_works', 1);
    const text = verdictTextOf(doc, 'WS-6');
    expect(text).not.toMatch(/problems are SSE's/);
    expect(text).toMatch(/EventSource without Access-Control-Allow-Origin: works/);
    expect(text).toMatch(/the server's Origin check did NOT keep the foreign page out/);
  });

  it('is not measured when the browser scenario was skipped', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'browser'), 'WS-6').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario browser was not run (skipped in this plan)',
    });
  });
});
