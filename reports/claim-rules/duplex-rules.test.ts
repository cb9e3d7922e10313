import { describe, expect, it } from 'vitest';
import { buildFixtureDocument, type SyntheticCellSpec } from '../../test/support/report-fixtures.js';
import {
  rowOf,
  setFigure,
  skipScenario,
  swapTransportFigures,
  verdictOf,
  verdictTextOf,
  withCells,
} from '../../test/support/rule-helpers.js';

const upstream = (wsLatencyUs: number, wsMsgsPerSec: number): SyntheticCellSpec[] => [
  {
    scenario: 'upstream',
    transport: 'sse',
    variant: 'sse-post',
    medians: { latency_p50_us: 900, throughput_msgs_per_sec: 8000, wire_bytes_up_per_msg: 310 },
  },
  {
    scenario: 'upstream',
    transport: 'ws',
    variant: 'ws-frames',
    medians: { latency_p50_us: wsLatencyUs, throughput_msgs_per_sec: wsMsgsPerSec, wire_bytes_up_per_msg: 52 },
  },
];

describe('WS-1 and SSE-4: upstream messages', () => {
  it('read upstream when it ran: supported when WS frames beat POSTs, not when they do not', () => {
    const faster = withCells(buildFixtureDocument(), upstream(300, 40_000));
    expect(verdictOf(faster, 'WS-1')).toBe('supported');
    expect(verdictOf(faster, 'SSE-4')).toBe('supported');
    expect(verdictTextOf(faster, 'WS-1')).not.toMatch(/read from chat/);
    const slower = withCells(buildFixtureDocument(), upstream(1500, 4000));
    expect(verdictOf(slower, 'WS-1')).toBe('refuted');
    expect(verdictOf(slower, 'SSE-4')).toBe('depends');
  });

  it("fall back to chat when upstream did not run, say so, and follow chat's figures", () => {
    const doc = buildFixtureDocument();
    const row = rowOf(doc, 'SSE-4');
    expect(row.scenarios).toEqual(['upstream (not run)', 'chat']);
    expect(row.verdict.kind).toBe('supported');
    expect(verdictTextOf(doc, 'SSE-4')).toMatch(
      /^chat bytes up: WS lower by \d+% .* — read from chat because upstream did not run/,
    );
    expect(verdictOf(doc, 'WS-1')).toBe('supported');
    swapTransportFigures(doc, 'chat', ['latency_p50_us', 'latency_p99_us', 'wire_bytes_up_per_msg']);
    expect(verdictOf(doc, 'WS-1')).toBe('refuted');
    expect(verdictOf(doc, 'SSE-4')).toBe('refuted');
  });

  it('are not measured when neither upstream nor chat ran, naming both', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'chat'), 'WS-1').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario upstream was not run; scenario chat was not run (skipped in this plan)',
    });
  });
});

describe('WS-9: a chat room', () => {
  it('is supported when WS one-way latency is lower at p50 and p99, refuted when swapped', () => {
    const doc = buildFixtureDocument();
    const row = rowOf(doc, 'WS-9');
    expect(row.verdict.kind).toBe('supported');
    expect(row.ruleText).toMatch(/one-way latency \(from the sender's scheduled send time to each receiver/);
    expect(row.ruleText).not.toMatch(/round-trip/);
    expect(row.sse[0]).toMatch(/^chat \(sse\): p50 .* bytes up\/msg 2\d\d B/);
    swapTransportFigures(doc, 'chat', ['latency_p50_us', 'latency_p99_us']);
    expect(verdictOf(doc, 'WS-9')).toBe('refuted');
  });

  it('does not credit WS with low latency when it lost messages', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'chat/ws', 'lost_count', 12);
    expect(verdictOf(doc, 'WS-9')).toBe('refuted');
    expect(verdictTextOf(doc, 'WS-9')).toMatch(/but WS lost or corrupted messages/);
  });

  it('is not measured when chat was skipped', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'chat'), 'WS-9').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario chat was not run (skipped in this plan)',
    });
  });
});
