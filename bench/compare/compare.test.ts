import { describe, expect, it } from 'vitest';
import { compareResults, WHOLE_CELL_METRIC } from './compare.js';
import { FAILED_RUNS_METRIC, type Comparison, type MetricComparison } from './comparison.js';
import { EXIT } from '../../cli/exit-codes.js';
import { decideOutcome } from './exit-code.js';
import { buildResultsDocument, buildStreamingCell, type CellFixture } from '../../test/support/compare-fixtures.js';

const REPEATS = 5;

function compareCells(
  baseCells: CellFixture[],
  headCells: CellFixture[],
  extra: { headComplete?: boolean } = {},
): Comparison {
  const base = buildResultsDocument({ cells: baseCells, repeats: REPEATS, seed: 11 });
  const head = buildResultsDocument({
    cells: headCells,
    repeats: REPEATS,
    seed: 29,
    ...(extra.headComplete === false
      ? { complete: false, errors: [{ category: 'timeout:measure', message: 'watchdog', cell: 'steady/sse' }] }
      : {}),
  });
  return compareResults(base, head);
}

function entryFor(comparison: Comparison, cellId: string, metric: string): MetricComparison {
  const entry = comparison.entries.find((e) => e.cellId === cellId && e.metric === metric);
  if (entry === undefined) throw new Error(`no entry for ${cellId} ${metric}`);
  return entry;
}

function exitCode(comparison: Comparison, strict = false): number {
  return decideOutcome(comparison, { strict }).exitCode;
}

describe('compareResults', () => {
  it('passes an A/A comparison: same distributions, independent ±7% noise', () => {
    const cells = [buildStreamingCell('steady/sse', 7), buildStreamingCell('steady/ws', 7)];
    const comparison = compareCells(cells, cells);
    expect(exitCode(comparison)).toBe(EXIT.ok);
    const verdicts = new Set(comparison.entries.map((e) => e.verdict));
    expect([...verdicts].every((v) => v === 'pass' || v === 'info' || v === 'inconclusive')).toBe(true);
    // Noise must not make most of the noisy metrics undecidable at the default thresholds.
    const noisy = comparison.entries.filter((e) => e.metricClass === 'noisy');
    expect(noisy.filter((e) => e.verdict === 'pass').length).toBeGreaterThanOrEqual(noisy.length - 1);
  });

  it('finds a 30% latency slowdown at ±5% noise a regression, exit 3', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5)],
      [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 800 * 1.3, noisePct: 5 } })],
    );
    const latency = entryFor(comparison, 'steady/sse', 'latency_p50_us');
    expect(latency.verdict).toBe('regressed');
    expect(latency.ratio).toBeGreaterThan(1.2);
    expect(latency.ciLow).toBeGreaterThan(1.1);
    expect(latency.pValue).toBeLessThan(0.05);
    expect(entryFor(comparison, 'steady/sse', 'latency_p99_us').verdict).toBe('pass');
    expect(exitCode(comparison)).toBe(EXIT.regression);
    // Gating exact metrics only: the regression is reported but does not fail the build.
    const gated = decideOutcome(comparison, { strict: false, gate: 'exact' });
    expect(gated.exitCode).toBe(EXIT.ok);
    expect(gated.label).toMatch(/1 noisy regression\(s\) reported, not gated/);
  });

  it('does not call a large shift a regression without significance (3 runs a side)', () => {
    const base = buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: 3, seed: 11 });
    const head = buildResultsDocument({
      cells: [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 1040, noisePct: 5 } })],
      repeats: 3,
      seed: 29,
    });
    const latency = entryFor(compareResults(base, head), 'steady/sse', 'latency_p50_us');
    expect(latency.ciLow).toBeGreaterThan(1.1);
    expect(latency.pValue).toBeGreaterThan(0.05);
    expect(latency.verdict).toBe('inconclusive');
    expect(latency.reason).toContain('not significant');
  });

  it('judges throughput the other way round: a drop regresses, a rise improves', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5), buildStreamingCell('steady/ws', 5)],
      [
        buildStreamingCell('steady/sse', 5, { throughput_msgs_per_sec: { center: 14_000, noisePct: 5 } }),
        buildStreamingCell('steady/ws', 5, { throughput_msgs_per_sec: { center: 28_000, noisePct: 5 } }),
      ],
    );
    expect(entryFor(comparison, 'steady/sse', 'throughput_msgs_per_sec').verdict).toBe('regressed');
    expect(entryFor(comparison, 'steady/ws', 'throughput_msgs_per_sec').verdict).toBe('improved');
  });

  it('fails correctness when head loses one message in one run, exit 1', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5)],
      [buildStreamingCell('steady/sse', 5, { lost_count: [0, 0, 1, 0, 0] })],
    );
    const lost = entryFor(comparison, 'steady/sse', 'lost_count');
    expect(lost.verdict).toBe('correctness-failure');
    expect(lost.reason).toContain('1 of 5 runs');
    expect(exitCode(comparison)).toBe(EXIT.correctness);
  });

  it('checks must-be-zero counts in a head cell that has no base', () => {
    const comparison = compareCells([], [buildStreamingCell('new/sse', 5, { corrupted_count: 2 })]);
    expect(entryFor(comparison, 'new/sse', 'corrupted_count').verdict).toBe('correctness-failure');
    expect(comparison.entries.some((e) => e.metric === 'latency_p50_us')).toBe(false);
    expect(exitCode(comparison)).toBe(EXIT.correctness);
  });

  it('calls a changed exact metric exact-changed, which exits 1', () => {
    const comparison = compareCells(
      [buildStreamingCell('wire/ws', 5)],
      [buildStreamingCell('wire/ws', 5, { handshake_bytes_down: 131 })],
    );
    const bytes = entryFor(comparison, 'wire/ws', 'handshake_bytes_down');
    expect(bytes.verdict).toBe('exact-changed');
    expect(bytes.reason).toContain('182 → 131');
    // Windowed bytes per message are info (they vary with sequence-number digits), never gated.
    expect(entryFor(comparison, 'wire/ws', 'wire_bytes_down_per_msg').verdict).toBe('info');
    expect(exitCode(comparison)).toBe(EXIT.correctness);
  });

  it('calls a ±40% noisy metric with a small shift inconclusive: exit 0, or 5 with --strict', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 800, noisePct: 40 } })],
      [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 840, noisePct: 40 } })],
    );
    const latency = entryFor(comparison, 'steady/sse', 'latency_p50_us');
    expect(latency.verdict).toBe('inconclusive');
    expect(latency.noiseFloorPct).toBeGreaterThan(latency.thresholdPct ?? Infinity);
    expect(exitCode(comparison)).toBe(EXIT.ok);
    expect(exitCode(comparison, true)).toBe(EXIT.inconclusive);
  });

  it('uses a per-metric threshold override', () => {
    const base = buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: REPEATS, seed: 11 });
    const head = buildResultsDocument({
      cells: [buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 1040, noisePct: 5 } })],
      repeats: REPEATS,
      seed: 29,
    });
    expect(entryFor(compareResults(base, head), 'steady/sse', 'latency_p50_us').verdict).toBe('regressed');
    const lenient = compareResults(base, head, { thresholdsPct: { latency_p50_us: 60 } });
    expect(entryFor(lenient, 'steady/sse', 'latency_p50_us')).toMatchObject({ verdict: 'pass', thresholdPct: 60 });
  });

  it('fails a cell whose runs failed in head only, and leaves it undecided when base failed too', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5), { ...buildStreamingCell('steady/ws', 5), failedRepeats: [4] }],
      [
        { ...buildStreamingCell('steady/sse', 5), failedRepeats: [1] },
        { ...buildStreamingCell('steady/ws', 5), failedRepeats: [4] },
      ],
    );
    const sse = entryFor(comparison, 'steady/sse', FAILED_RUNS_METRIC);
    expect(sse.verdict).toBe('correctness-failure');
    expect(sse.reason).toContain('timeout:measure');
    expect(entryFor(comparison, 'steady/ws', FAILED_RUNS_METRIC).verdict).toBe('inconclusive');
    expect(entryFor(comparison, 'steady/sse', 'latency_p50_us').headRuns).toBe(4);
  });

  it('reports cells and metrics that disappeared from head as missing', () => {
    const comparison = compareCells(
      [buildStreamingCell('steady/sse', 5), buildStreamingCell('steady/ws', 5)],
      [buildStreamingCell('steady/sse', 5, { latency_p99_us: [] })],
    );
    expect(entryFor(comparison, 'steady/ws', WHOLE_CELL_METRIC).verdict).toBe('missing');
    expect(entryFor(comparison, 'steady/sse', 'latency_p99_us').verdict).toBe('missing');
    expect(exitCode(comparison)).toBe(EXIT.ok);
    expect(exitCode(comparison, true)).toBe(EXIT.inconclusive);
  });

  it('exits 4 when a watchdog stopped the head run', () => {
    const cells = [buildStreamingCell('steady/sse', 5)];
    const comparison = compareCells(cells, cells, { headComplete: false });
    expect(comparison.watchdogStopped).toBe(true);
    expect(exitCode(comparison)).toBe(EXIT.watchdog);
  });

  it('reports metrics without a spec as info and warns about them', () => {
    const cells = [buildStreamingCell('steady/sse', 5, { mystery_widgets: { center: 10, noisePct: 1 } })];
    const comparison = compareCells(cells, [
      buildStreamingCell('steady/sse', 5, { mystery_widgets: { center: 99, noisePct: 1 } }),
    ]);
    expect(entryFor(comparison, 'steady/sse', 'mystery_widgets').verdict).toBe('info');
    expect(comparison.warnings.join('\n')).toContain('mystery_widgets');
    expect(exitCode(comparison, true)).not.toBe(EXIT.regression);
  });

  it('gates by the specs the documents carry, head first, before the catalogue', () => {
    // handshake_bytes_down is exact in the catalogue: 182 -> 200 B is a change; as noisy it is within the 10% threshold.
    const base = buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: REPEATS, seed: 11 });
    const head = buildResultsDocument({
      cells: [buildStreamingCell('steady/sse', 5, { handshake_bytes_down: 200 })],
      repeats: REPEATS,
      seed: 29,
    });
    expect(entryFor(compareResults(base, head), 'steady/sse', 'handshake_bytes_down')).toMatchObject({
      metricClass: 'exact',
      verdict: 'exact-changed',
    });
    head.metricSpecs = {
      ...head.metricSpecs,
      handshake_bytes_down: { ...head.metricSpecs.handshake_bytes_down!, class: 'noisy' },
    };
    expect(entryFor(compareResults(base, head), 'steady/sse', 'handshake_bytes_down')).toMatchObject({
      metricClass: 'noisy',
      verdict: 'pass',
    });
  });

  it('compares a version-1 base (no specs carried) by the catalogue', () => {
    const cells = [buildStreamingCell('steady/sse', 5)];
    const base = { ...buildResultsDocument({ cells, repeats: REPEATS, seed: 11 }), schemaVersion: 1, metricSpecs: {} };
    const comparison = compareResults(base, buildResultsDocument({ cells, repeats: REPEATS, seed: 29 }));
    expect(entryFor(comparison, 'steady/sse', 'lost_count').metricClass).toBe('exact');
    expect(exitCode(comparison)).toBe(EXIT.ok);
  });

  it('gives the same figures for the same inputs (seeded resampling)', () => {
    const cells = [buildStreamingCell('steady/sse', 7)];
    const first = entryFor(compareCells(cells, cells), 'steady/sse', 'latency_p50_us');
    const second = entryFor(compareCells(cells, cells), 'steady/sse', 'latency_p50_us');
    expect(second).toEqual(first);
  });
});
