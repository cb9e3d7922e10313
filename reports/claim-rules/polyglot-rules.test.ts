import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

describe('WS-5: clients in other languages', () => {
  it('is supported for both transports when every Python and Java client got its stream, with the stdlib nuance as context', () => {
    const doc = buildFixtureDocument();
    const row = rowOf(doc, 'WS-5');
    expect(row.verdict.kind).toBe('supported');
    expect(verdictTextOf(doc, 'WS-5')).toMatch(/supported for both transports: python-sse, java-sse worked intact too/);
    expect(verdictTextOf(doc, 'WS-5')).toMatch(
      /context, not measured: Python's standard library has no WebSocket client/,
    );
    expect(row.ws).toEqual([
      expect.stringMatching(/^python-ws: works, nothing lost · p50 \d+ µs/),
      expect.stringMatching(/^java-ws: works, nothing lost/),
    ]);
    expect(row.sse).toHaveLength(2);
  });

  it('depends on the language when one WS client failed, and is refuted when none worked', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'other-languages/python-ws', 'client_works', 0);
    expect(verdictOf(doc, 'WS-5')).toBe('depends');
    expect(verdictTextOf(doc, 'WS-5')).toMatch(/holds at java-ws: .* — not at python-ws: no stream/);
    setFigure(doc, 'other-languages/java-ws', 'client_works', 0);
    expect(verdictOf(doc, 'WS-5')).toBe('refuted');
    expect(verdictTextOf(doc, 'WS-5')).toMatch(/the SSE clients \(python-sse, java-sse\) worked intact/);
  });

  it('does not count a client that lost messages as working', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'other-languages/java-ws', 'lost_count', 3);
    expect(verdictOf(doc, 'WS-5')).toBe('depends');
    expect(verdictTextOf(doc, 'WS-5')).toMatch(/not at java-ws: lost 3/);
  });

  it('names an SSE client that failed beside the WS verdict', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'other-languages/java-sse', 'client_works', 0);
    expect(verdictOf(doc, 'WS-5')).toBe('supported');
    expect(verdictTextOf(doc, 'WS-5')).toMatch(/SSE clients that did not work: java-sse \(no stream\)/);
  });

  it('warns that latency is not comparable when the foreign clock disagreed', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'other-languages/python-ws', 'clock_mismatch_us', 40);
    expect(rowOf(doc, 'WS-5').ws[0]).toMatch(/clock mismatch: latency not comparable$/);
  });

  it('is not measured when other-languages was skipped', () => {
    const row = rowOf(skipScenario(buildFixtureDocument(), 'other-languages'), 'WS-5');
    expect(row.verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario other-languages was not run (skipped in this plan); scenario seed-stack was not run',
    });
  });
});

describe("OBS-3: the seed's POST-then-stream clients", () => {
  it('is supported when the Java, Python and browser stand-ins all got the whole answer, and says what stands in for what', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'OBS-3')).toBe('supported');
    expect(verdictTextOf(doc, 'OBS-3')).toMatch(
      /java-sse-post: works, nothing lost; the JDK's HttpClient .*the seed used async-http-client/,
    );
    expect(verdictTextOf(doc, 'OBS-3')).toMatch(/fetch-post-sse: works, nothing lost; a page in Chromium/);
    expect(rowOf(doc, 'OBS-3').scenarios).toEqual(['other-languages', 'browser', 'seed-stack (not run)']);
  });

  it('depends when one stand-in failed and is refuted when all did', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'browser/fetch-post-sse', 'client_works', 0);
    expect(verdictOf(doc, 'OBS-3')).toBe('depends');
    setFigure(doc, 'other-languages/java-sse-post', 'client_works', 0);
    setFigure(doc, 'other-languages/python-sse-post', 'client_works', 0);
    expect(verdictOf(doc, 'OBS-3')).toBe('refuted');
  });

  it('uses the clients that ran when the browser did not, and is not measured when neither ran', () => {
    const doc = skipScenario(buildFixtureDocument(), 'browser');
    const row = rowOf(doc, 'OBS-3');
    expect(row.verdict.kind).toBe('supported');
    expect(row.scenarios).toEqual(['other-languages', 'browser (not run)', 'seed-stack (not run)']);
    expect(row.sse.some((line) => line.startsWith('fetch-post-sse'))).toBe(false);
    expect(verdictOf(skipScenario(doc, 'other-languages'), 'OBS-3')).toBe('not-measured');
  });
});
