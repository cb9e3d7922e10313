import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

describe('SSE-2: automatic reconnection through the reconnect-* faults', () => {
  it('is supported when the SSE client came back from every fault, exactly with resume, and states the loss without it', () => {
    const doc = buildFixtureDocument();
    const row = rowOf(doc, 'SSE-2');
    expect(row.verdict.kind).toBe('supported');
    const text = verdictTextOf(doc, 'SSE-2');
    expect(text).toMatch(
      /^reset: with resume back in 2\d\d ms, nothing lost or duplicated \(1,290 replayed\), without resume back in 2\d\d ms, 1,218 lost; half-open: with resume/,
    );
    expect(text).toMatch(
      /WS beside it, by the harness's own reconnecting client .*: recovered by itself in 4 of 4 fault cells; resumed exactly in 2 of 2/,
    );
    expect(text).toMatch(/faults not run: reconnect-kill, reconnect-proxy-down, reconnect-truncate, reconnect-storm$/);
    expect(row.scenarios).toEqual([
      'reconnect-reset',
      'reconnect-half-open',
      'reconnect-kill (not run)',
      'reconnect-proxy-down (not run)',
      'reconnect-truncate (not run)',
      'reconnect-storm (not run)',
    ]);
    expect(row.ws[0]).toMatch(/^reconnect-reset with resume: detect p50 3\.\d+ ms .* lost 0 .* replayed 1,278/);
    expect(row.sse[1]).toMatch(/^reconnect-reset without resume: .*lost without resume 1,218/);
  });

  it('depends on the fault when one resumed reconnection lost messages, and names it', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'reconnect-half-open/sse-resume', 'lost_count', 4);
    expect(verdictOf(doc, 'SSE-2')).toBe('depends');
    expect(verdictTextOf(doc, 'SSE-2')).toMatch(
      /^holds at reset: .* — not at half-open: with resume back in \d+ ms but lost 4, duplicated 0/,
    );
  });

  it('is refuted when a connection never came back after any fault, whatever the resume mode', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'reconnect-reset/sse-no-resume', 'unrecovered_count', 3);
    setFigure(doc, 'reconnect-half-open/sse-resume', 'unrecovered_count', 1);
    expect(verdictOf(doc, 'SSE-2')).toBe('refuted');
    expect(verdictTextOf(doc, 'SSE-2')).toMatch(
      /reset: .*without resume: 3 connections never got a message after the fault/,
    );
  });

  it('does not count a fault whose repeats failed or recorded no reconnection', () => {
    const doc = buildFixtureDocument();
    const cell = doc.cells.find((c) => c.id === 'reconnect-reset/sse-resume')!;
    cell.runs[1]!.status = 'failed';
    expect(verdictTextOf(doc, 'SSE-2')).toMatch(/not at reset: with resume: 1 of 3 repeats failed/);
    const silent = buildFixtureDocument();
    delete silent.cells.find((c) => c.id === 'reconnect-half-open/sse-no-resume')!.summary['reconnect_p50_ms'];
    expect(verdictTextOf(silent, 'SSE-2')).toMatch(/not at half-open: .*without resume: no reconnection recorded/);
  });

  it('judges SSE only: a WS failure changes the WS note, not the verdict', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'reconnect-reset/ws-resume', 'duplicated_count', 2);
    expect(verdictOf(doc, 'SSE-2')).toBe('supported');
    expect(verdictTextOf(doc, 'SSE-2')).toMatch(/recovered by itself in 4 of 4 fault cells; resumed exactly in 1 of 2/);
  });

  it('reads whichever faults ran, and is not measured when none did', () => {
    const partial = skipScenario(buildFixtureDocument(), 'reconnect-reset');
    expect(verdictOf(partial, 'SSE-2')).toBe('supported');
    expect(verdictTextOf(partial, 'SSE-2')).not.toMatch(/reset:/);
    expect(rowOf(partial, 'SSE-2').scenarios).toContain('reconnect-reset (not run)');
    const none = skipScenario(partial, 'reconnect-half-open');
    expect(rowOf(none, 'SSE-2').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario reconnect-* was not run (skipped in this plan)',
    });
  });
});
