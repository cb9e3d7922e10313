import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

describe('WS-8 and SSE-1: the code each reconnecting client needed', () => {
  it('depend on the client when the Node clients needed about as much code, with the half-open need and the browser as context', () => {
    const doc = buildFixtureDocument();
    expect([verdictOf(doc, 'WS-8'), verdictOf(doc, 'SSE-1')]).toEqual(['depends', 'depends']);
    const ws8 = verdictTextOf(doc, 'WS-8');
    expect(ws8).toMatch(
      /^on the client: in Node the WS client needed about as much code as the SSE client.*: WS 202 lines \(43 its own, 159 shared\) vs SSE 211 lines \(52 its own, 159 shared\)/,
    );
    expect(ws8).toMatch(
      /both needed an idle timeout fed by heartbeats to notice a half-open connection \(SSE: idle timeout fed by comment heartbeats, noticed after 1(\.\d+)? s; WS: idle timeout fed by server pings, noticed after \d/,
    );
    expect(ws8).toMatch(
      /in a browser \(not measured here\): EventSource: reconnect, retry:, Last-Event-ID.*; WebSocket: none built in/,
    );
    expect(verdictTextOf(doc, 'SSE-1')).toMatch(
      /^on the client: in Node the SSE client needed about as much code as the WS client .*: SSE 211 lines .* vs WS 202 lines/,
    );
    const row = rowOf(doc, 'WS-8');
    expect(row.sse[0]).toBe('client-impl (Node): 211 lines (52 its own, 159 shared), 8 behaviours');
    expect(row.ws).toContain('reconnect-*: recovered by itself in 4 of 4 fault cells; resumed exactly in 2 of 2');
    expect(row.ws.at(-1)).toBe(
      'in a browser (not measured here): WebSocket: none built in; ping frames invisible to the page',
    );
    expect(row.caveats).toEqual([]);
  });

  it('follow the line counts: WS clearly larger supports both, SSE clearly larger refutes both', () => {
    const wsLarger = buildFixtureDocument();
    setFigure(wsLarger, 'client-impl/ws', 'client_impl_loc', 260);
    expect([verdictOf(wsLarger, 'WS-8'), verdictOf(wsLarger, 'SSE-1')]).toEqual(['supported', 'supported']);
    expect(verdictTextOf(wsLarger, 'WS-8')).toMatch(
      /^the WS client needed clearly more code for the same behaviour: WS 260 lines/,
    );
    const sseLarger = buildFixtureDocument();
    setFigure(sseLarger, 'client-impl/sse', 'client_impl_loc', 250);
    expect([verdictOf(sseLarger, 'WS-8'), verdictOf(sseLarger, 'SSE-1')]).toEqual(['refuted', 'refuted']);
  });

  it('call a difference under 20% of the smaller client "about as much"', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'client-impl/ws', 'client_impl_loc', 253); // 19.9% more than 211
    expect(verdictOf(doc, 'WS-8')).toBe('depends');
    setFigure(doc, 'client-impl/ws', 'client_impl_loc', 254); // 20.4% more
    expect(verdictOf(doc, 'WS-8')).toBe('supported');
  });

  it('leave out the detection times when reconnect-half-open did not run', () => {
    const doc = skipScenario(buildFixtureDocument(), 'reconnect-half-open');
    expect(verdictTextOf(doc, 'WS-8')).toMatch(
      /\(SSE: idle timeout fed by comment heartbeats; WS: idle timeout fed by server pings\)/,
    );
    expect(rowOf(doc, 'WS-8').sse.join(' ')).not.toMatch(/half-open/);
  });

  it('are not measured when client-impl was skipped or recorded no line count for one transport', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'client-impl'), 'SSE-1').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario client-impl was not run (skipped in this plan)',
    });
    const doc = buildFixtureDocument();
    delete doc.cells.find((cell) => cell.id === 'client-impl/ws')!.summary['client_impl_loc'];
    expect(rowOf(doc, 'WS-8').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'client-impl recorded no client_impl_loc for both transports',
    });
  });
});
