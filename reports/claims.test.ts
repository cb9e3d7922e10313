import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateClaims } from './claims.js';
import { rowOf, swapTransportFigures, verdictOf } from '../test/support/rule-helpers.js';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';

/** The claim IDs as claims.md lists them, read at test time so a new claim fails this test. */
function readClaimIds(): string[] {
  const text = readFileSync(new URL('../docs/claims.md', import.meta.url), 'utf8');
  return [...text.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((match) => match[1]!);
}

describe('claims table', () => {
  it('has exactly one row per claim ID in claims.md, in its order', () => {
    const ids = readClaimIds();
    expect(ids.length).toBeGreaterThanOrEqual(21);
    expect(evaluateClaims(buildFixtureDocument()).map((row) => row.id)).toEqual(ids);
  });

  it("shows the rule text and both transports' figures for a measured claim", () => {
    const row = rowOf(buildFixtureDocument(), 'WS-2');
    expect(row.ruleText).toMatch(/larger spread/);
    expect(row.sse.join(' ')).toMatch(/steady: p50 \d+ µs ±\d+%/);
    expect(row.ws.join(' ')).toMatch(/TCP floor p50/);
    expect(row.scenarios).toEqual(['steady', 'fan-out', 'tcp-floor']);
  });

  it('computes latency verdicts from the figures: WS faster in steady, a tie at fan-out p50', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'WS-2')).toBe('supported');
    expect(verdictOf(doc, 'SSE-5')).toBe('depends');
  });

  it('flips the latency verdicts when SSE and WS latency are swapped', () => {
    const doc = buildFixtureDocument();
    const latency = ['latency_p50_us', 'latency_p99_us'];
    swapTransportFigures(doc, 'steady', latency);
    swapTransportFigures(doc, 'fan-out', latency);
    expect(verdictOf(doc, 'SSE-5')).toBe('refuted');
    expect(verdictOf(doc, 'WS-2')).not.toBe('supported');
  });

  it('flips the byte verdicts when SSE and WS bytes are swapped', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'WS-3')).toBe('supported');
    expect(verdictOf(doc, 'SSE-6')).toBe('supported');
    swapTransportFigures(doc, 'wire', ['wire_bytes_down_per_msg']);
    expect(verdictOf(doc, 'WS-3')).toBe('refuted');
    expect(verdictOf(doc, 'SSE-6')).toBe('refuted');
  });

  it('says "not run" for a skipped scenario instead of a stale verdict from its cells', () => {
    const doc = buildFixtureDocument();
    doc.plan.skippedScenarios.push('llm-stream');
    const row = rowOf(doc, 'SSE-9');
    expect(row.verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario llm-stream was not run (skipped in this plan)',
    });
    expect(row.scenarios).toEqual(['llm-stream (not run)']);
  });

  it('says "not run" when a scenario is absent from the cells, and names every missing one', () => {
    const doc = buildFixtureDocument();
    doc.cells = doc.cells.filter((cell) => cell.scenario !== 'steady' && cell.scenario !== 'fan-out');
    expect(rowOf(doc, 'WS-2').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario steady was not run; scenario fan-out was not run',
    });
  });

  it('falls back to steady for bytes when wire did not run', () => {
    const doc = buildFixtureDocument();
    doc.cells = doc.cells.filter((cell) => cell.scenario !== 'wire');
    const row = rowOf(doc, 'WS-3');
    expect(row.verdict.kind).toBe('supported');
    expect(row.ws[0]).toMatch(/^steady: down\/msg 108 B/);
    expect(verdictOf(doc, 'WS-4')).toBe('not-measured');
  });

  it('cites browser support data for WS-7 and never claims to have measured it', () => {
    const verdict = rowOf(buildFixtureDocument(), 'WS-7').verdict;
    expect(verdict.kind).toBe('not-measured');
    if (verdict.kind !== 'not-measured') return;
    expect(verdict.sources).toEqual(['https://caniuse.com/websockets', 'https://caniuse.com/eventsource']);
  });

  it('flags a saturated client', () => {
    const row = rowOf(buildFixtureDocument(), 'WS-2');
    expect(row.caveats).toContain('client saturated in steady/ws (1 of 3 repeats): that figure may measure the client');
  });

  it('reports a scenario whose every repeat failed as such, not as a verdict', () => {
    const doc = buildFixtureDocument();
    for (const cell of doc.cells.filter((c) => c.scenario === 'chat'))
      cell.runs = cell.runs.map((run) => ({ ...run, status: 'failed' }));
    expect(rowOf(doc, 'WS-9').verdict).toMatchObject({
      reason: 'scenario chat ran but every repeat failed (see Errors)',
    });
  });

  it('gives every claim a title of a few words and every measured one a short headline per transport', () => {
    for (const row of evaluateClaims(buildFixtureDocument())) {
      expect(row.title.length, row.id).toBeLessThanOrEqual(32);
      const headlines = [row.headline.sse, row.headline.ws];
      for (const headline of headlines) expect(headline.length, `${row.id}: ${headline}`).toBeLessThanOrEqual(28);
      if (row.verdict.kind === 'not-measured') expect(headlines).toEqual(['—', '—']);
      else expect(headlines, row.id).not.toContain('—');
    }
  });

  it('headlines the figure the verdict rests on, and follows it when the figures change', () => {
    const doc = buildFixtureDocument();
    expect(rowOf(doc, 'WS-2').headline.sse).toMatch(/^steady p50 \d+ µs$/);
    expect(rowOf(doc, 'WS-3').headline).toEqual({ sse: '77 B/msg @ 16 B', ws: '58 B/msg @ 16 B' });
    expect(rowOf(doc, 'SSE-8').headline).toEqual({ sse: '2/3 readers failed', ws: 'n/a: framed' });
    swapTransportFigures(doc, 'wire', ['wire_bytes_down_per_msg']);
    expect(rowOf(doc, 'WS-3').headline).toEqual({ sse: '58 B/msg @ 16 B', ws: '77 B/msg @ 16 B' });
  });
});
