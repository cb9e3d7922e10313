import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

describe('OBS-1: long streams and the timeouts in their path', () => {
  it('depends on the path and heartbeats: cut without them, never with them, at a stated byte cost', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'OBS-1')).toBe('depends');
    const text = verdictTextOf(doc, 'OBS-1');
    expect(text).toMatch(
      /^on the path and on heartbeats, not on a server timeout: with Node's own response timeouts off on the harness's servers, quiet SSE streams were still cut 60 times \(after 6\d\d ms p50\) by the path's 600 ms idle timeout \(a 100× scaled model of nginx's and load balancers' 60 s\) unless heartbeats every 250 ms kept them alive \(0 cuts\)/,
    );
    expect(text).toMatch(
      /a heartbeat costs 8 B, both directions: 1\.\d+ KiB\/min per connection at 250 ms, 19\.2 B\/min at the 25 s it models/,
    );
    expect(text).toMatch(
      /— WS: cut 50 times \(after \d+ ms p50\) without heartbeats, 0 with — not measured: a server's own default timeout cutting a stream \(Spring's SseEmitter default; Node's 300 s requestTimeout is not waited out\)$/,
    );
    const row = rowOf(doc, 'OBS-1');
    expect(row.sse).toHaveLength(2);
    expect(row.sse[0]).toMatch(/^sse-heartbeat \(heartbeat every 250 ms\): cut 0 .* heartbeat 8 B/);
    expect(row.sse[1]).toMatch(/^sse-no-heartbeat \(no heartbeat\): cut 60 ±0% · cut after p50 6\d\d ms/);
    expect(row.sse[1]).not.toMatch(/heartbeat 8 B/);
  });

  it('is supported when heartbeats did not save the streams either: only lifting the timeout would', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'long-lived/sse-heartbeat', 'streams_cut_count', 12);
    expect(verdictOf(doc, 'OBS-1')).toBe('supported');
    expect(verdictTextOf(doc, 'OBS-1')).toMatch(
      /cut SSE streams even with heartbeats every 250 ms, 12 times, and 60 times .* without: only lifting the timeout keeps a long stream/,
    );
  });

  it('is refuted when no stream was cut, even without heartbeats', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'long-lived/sse-no-heartbeat', 'streams_cut_count', 0);
    expect(verdictOf(doc, 'OBS-1')).toBe('refuted');
    expect(verdictTextOf(doc, 'OBS-1')).toMatch(
      /^no SSE stream was cut, even without heartbeats, by the path's 600 ms idle timeout/,
    );
  });

  it('judges the worst repeat: one repeat that cut a heartbeat stream is a cut', () => {
    const doc = buildFixtureDocument();
    doc.cells.find((cell) => cell.id === 'long-lived/sse-heartbeat')!.summary['streams_cut_count']!.max = 1;
    expect(verdictOf(doc, 'OBS-1')).toBe('supported');
  });

  it('is not measured when long-lived was skipped, or its cells carry no heartbeat parameter', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'long-lived'), 'OBS-1').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario long-lived was not run (skipped in this plan); scenario seed-stack was not run',
    });
    const doc = buildFixtureDocument();
    for (const cell of doc.cells.filter((c) => c.scenario === 'long-lived')) delete cell.params['heartbeat'];
    expect(rowOf(doc, 'OBS-1').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'long-lived lacks SSE cells with heartbeat=true and heartbeat=false recording streams_cut_count',
    });
  });
});
