import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { evaluateClaims, type ClaimRow, type VerdictKind } from './claims.js';
import { buildFixtureDocument, buildSyntheticCell, type SyntheticCellSpec } from './fixtures.js';

/** The claim IDs as claims.md lists them, read at test time so a new claim fails this test. */
function readClaimIds(): string[] {
  const text = readFileSync(new URL('../../shared/claims.md', import.meta.url), 'utf8');
  return [...text.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((match) => match[1]!);
}

function rowOf(rows: readonly ClaimRow[], id: string): ClaimRow {
  const row = rows.find((r) => r.id === id);
  if (row === undefined) throw new Error(`no row for ${id}`);
  return row;
}

function verdictOf(doc: ResultsDocument, id: string): VerdictKind {
  return rowOf(evaluateClaims(doc), id).verdict.kind;
}

/** Swaps the given metrics' summaries between the SSE and WS cells of a scenario. */
function swapTransportFigures(doc: ResultsDocument, scenario: string, metrics: readonly string[]): void {
  const cells = doc.cells.filter((cell) => cell.scenario === scenario);
  for (const sse of cells.filter((cell) => cell.transport === 'sse')) {
    const ws = cells.find((cell) => cell.transport === 'ws' && JSON.stringify(cell.params) === JSON.stringify(sse.params));
    if (ws === undefined) continue;
    for (const metric of metrics) [sse.summary[metric], ws.summary[metric]] = [ws.summary[metric]!, sse.summary[metric]!];
  }
}

function withCells(doc: ResultsDocument, specs: readonly SyntheticCellSpec[]): ResultsDocument {
  return { ...doc, cells: [...doc.cells, ...specs.map(buildSyntheticCell)] };
}

describe('claims table', () => {
  it('has exactly one row per claim ID in claims.md, in its order', () => {
    const ids = readClaimIds();
    expect(ids.length).toBeGreaterThanOrEqual(21);
    expect(evaluateClaims(buildFixtureDocument()).map((row) => row.id)).toEqual(ids);
  });

  it('shows the rule text and both transports\' figures for a measured claim', () => {
    const row = rowOf(evaluateClaims(buildFixtureDocument()), 'WS-2');
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
    const row = rowOf(evaluateClaims(doc), 'SSE-9');
    expect(row.verdict).toMatchObject({ kind: 'not-measured', reason: 'scenario llm-stream was not run (skipped in this plan)' });
    expect(row.scenarios).toEqual(['llm-stream (not run)']);
  });

  it('says "not run" when a scenario is absent from the cells, and names every missing one', () => {
    const doc = buildFixtureDocument();
    doc.cells = doc.cells.filter((cell) => cell.scenario !== 'steady' && cell.scenario !== 'fan-out');
    expect(rowOf(evaluateClaims(doc), 'WS-2').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario steady was not run; scenario fan-out was not run',
    });
  });

  it('falls back to steady for bytes when wire did not run', () => {
    const doc = buildFixtureDocument();
    doc.cells = doc.cells.filter((cell) => cell.scenario !== 'wire');
    const row = rowOf(evaluateClaims(doc), 'WS-3');
    expect(row.verdict.kind).toBe('supported');
    expect(row.ws[0]).toMatch(/^steady: down\/msg 108 B/);
    expect(verdictOf(doc, 'WS-4')).toBe('not-measured');
  });

  it('cites browser support data for WS-7 and never claims to have measured it', () => {
    const verdict = rowOf(evaluateClaims(buildFixtureDocument()), 'WS-7').verdict;
    expect(verdict.kind).toBe('not-measured');
    if (verdict.kind !== 'not-measured') return;
    expect(verdict.sources).toEqual(['https://caniuse.com/websockets', 'https://caniuse.com/eventsource']);
  });

  it('flags a saturated client and scenarios that list a claim its rule does not read', () => {
    const row = rowOf(evaluateClaims(buildFixtureDocument()), 'WS-2');
    expect(row.caveats).toContain('client saturated in steady/ws (1 of 3 repeats): that figure may measure the client');
    expect(row.caveats).toContain('see also max-throughput: it lists this claim, but this rule does not read it');
  });
});

describe('rules for scenarios the fixture does not run', () => {
  const upstream = (wsLatencyUs: number, wsMsgsPerSec: number): SyntheticCellSpec[] => [
    { scenario: 'upstream', transport: 'sse', variant: 'sse-post', medians: { latency_p50_us: 900, throughput_msgs_per_sec: 8000, wire_bytes_up_per_msg: 310 } },
    { scenario: 'upstream', transport: 'ws', variant: 'ws-frames', medians: { latency_p50_us: wsLatencyUs, throughput_msgs_per_sec: wsMsgsPerSec, wire_bytes_up_per_msg: 52 } },
  ];

  it('WS-1 and SSE-4: supported when WS frames beat POSTs, and not when they do not', () => {
    const faster = withCells(buildFixtureDocument(), upstream(300, 40_000));
    expect(verdictOf(faster, 'WS-1')).toBe('supported');
    expect(verdictOf(faster, 'SSE-4')).toBe('supported');
    const slower = withCells(buildFixtureDocument(), upstream(1500, 4000));
    expect(verdictOf(slower, 'WS-1')).toBe('refuted');
    expect(verdictOf(slower, 'SSE-4')).toBe('depends');
  });

  it('SSE-2: depends on the fault when one resumed reconnection lost messages', () => {
    const reconnect = (scenario: string, lostMax: number): SyntheticCellSpec => ({
      scenario, transport: 'sse', params: { resume: true },
      medians: { detect_p50_ms: 2, reconnect_p50_ms: 30, lost_count: 0, duplicated_count: 0 }, maxima: { lost_count: lostMax },
    });
    const clean = withCells(buildFixtureDocument(), [reconnect('reconnect-reset', 0), reconnect('reconnect-kill', 0)]);
    expect(verdictOf(clean, 'SSE-2')).toBe('supported');
    const lossy = withCells(buildFixtureDocument(), [reconnect('reconnect-reset', 0), reconnect('reconnect-kill', 4)]);
    const row = rowOf(evaluateClaims(lossy), 'SSE-2');
    expect(row.verdict.kind).toBe('depends');
    expect(row.scenarios).toEqual(['reconnect-reset', 'reconnect-kill']);
  });

  it('SSE-8: depends on the parser when only the naive parser loses messages', () => {
    const framing = (naiveLost: number, specLost: number): SyntheticCellSpec[] => [{
      scenario: 'framing', transport: 'sse',
      medians: { framing_spec_lost_count: specLost, framing_spec_corrupted_count: 0, framing_naive_lost_count: naiveLost, framing_naive_corrupted_count: 0 },
    }];
    expect(verdictOf(withCells(buildFixtureDocument(), framing(12, 0)), 'SSE-8')).toBe('depends');
    expect(verdictOf(withCells(buildFixtureDocument(), framing(0, 0)), 'SSE-8')).toBe('refuted');
    expect(verdictOf(withCells(buildFixtureDocument(), framing(12, 3)), 'SSE-8')).toBe('supported');
  });

  it('OBS-2 and SSE-3: a buffering proxy holds SSE back', () => {
    const proxy = (bufferedFirstUs: number): SyntheticCellSpec[] => [
      { scenario: 'proxy-buffering', transport: 'sse', params: { buffering: true }, medians: { first_message_p50_us: bufferedFirstUs, lost_count: 0 } },
      { scenario: 'proxy-buffering', transport: 'ws', params: { buffering: true }, medians: { first_message_p50_us: 2000, lost_count: 0 } },
      { scenario: 'proxy-buffering', transport: 'sse', params: { buffering: false }, medians: { first_message_p50_us: 2100, lost_count: 0 } },
      { scenario: 'proxy-buffering', transport: 'ws', params: { buffering: false }, medians: { first_message_p50_us: 2050, lost_count: 0 } },
    ];
    const buffered = withCells(buildFixtureDocument(), proxy(5_000_000));
    expect(verdictOf(buffered, 'OBS-2')).toBe('supported');
    expect(verdictOf(buffered, 'SSE-3')).toBe('depends');
    const streamed = withCells(buildFixtureDocument(), proxy(2100));
    expect(verdictOf(streamed, 'OBS-2')).toBe('refuted');
    expect(verdictOf(streamed, 'SSE-3')).toBe('supported');
  });

  it('OBS-1: refuted when the default timeout cut no stream', () => {
    const longLived = (cutByDefault: number): SyntheticCellSpec[] => [
      { scenario: 'long-lived', transport: 'sse', params: { timeout: 'default' }, medians: { streams_cut_count: cutByDefault, cut_after_p50_ms: 30_000 } },
      { scenario: 'long-lived', transport: 'sse', params: { timeout: 'disabled' }, medians: { streams_cut_count: 0 } },
    ];
    expect(verdictOf(withCells(buildFixtureDocument(), longLived(10)), 'OBS-1')).toBe('supported');
    expect(verdictOf(withCells(buildFixtureDocument(), longLived(0)), 'OBS-1')).toBe('refuted');
  });

  it('WS-8 and SSE-1 follow the lines of client code each transport needed', () => {
    const impl = (sseLines: number, wsLines: number): SyntheticCellSpec[] => [
      { scenario: 'client-impl', transport: 'sse', medians: { client_impl_loc: sseLines } },
      { scenario: 'client-impl', transport: 'ws', medians: { client_impl_loc: wsLines } },
    ];
    const simpler = withCells(buildFixtureDocument(), impl(40, 160));
    expect([verdictOf(simpler, 'WS-8'), verdictOf(simpler, 'SSE-1')]).toEqual(['supported', 'supported']);
    const same = withCells(buildFixtureDocument(), impl(90, 90));
    expect([verdictOf(same, 'WS-8'), verdictOf(same, 'SSE-1')]).toEqual(['refuted', 'refuted']);
  });

  it('WS-9 reads the chat scenario', () => {
    const chat: SyntheticCellSpec[] = [
      { scenario: 'chat', transport: 'sse', medians: { latency_p50_us: 1800, latency_p99_us: 9000 } },
      { scenario: 'chat', transport: 'ws', medians: { latency_p50_us: 600, latency_p99_us: 2500 } },
    ];
    expect(verdictOf(buildFixtureDocument(), 'WS-9')).toBe('not-measured');
    expect(verdictOf(withCells(buildFixtureDocument(), chat), 'WS-9')).toBe('supported');
  });

  it('reports a scenario whose every repeat failed as such, not as a verdict', () => {
    const failed: CellResult = buildSyntheticCell({ scenario: 'chat', transport: 'ws', medians: {} });
    failed.runs = failed.runs.map((run) => ({ ...run, status: 'failed' }));
    const doc = { ...buildFixtureDocument(), cells: [...buildFixtureDocument().cells, failed] };
    expect(rowOf(evaluateClaims(doc), 'WS-9').verdict).toMatchObject({ reason: 'scenario chat ran but every repeat failed (see Errors)' });
  });
});
