import { describe, expect, it } from 'vitest';
import { compareResults } from './compare.js';
import type { Comparison, MetricComparison } from './comparison.js';
import { confirmRegressions, listCellsToRemeasure } from './confirm.js';
import { EXIT } from '../../cli/exit-codes.js';
import { decideOutcome } from './exit-code.js';
import { buildResultsDocument, buildStreamingCell, type CellFixture } from '../../test/support/compare-fixtures.js';

function compareOnce(headCells: CellFixture[], seed: number): Comparison {
  const base = buildResultsDocument({
    cells: [buildStreamingCell('steady/sse', 5), buildStreamingCell('steady/ws', 5)],
    repeats: 5,
    seed,
  });
  const head = buildResultsDocument({ cells: headCells, repeats: 5, seed: seed + 100 });
  return compareResults(base, head);
}

const slowSse = buildStreamingCell('steady/sse', 5, { latency_p50_us: { center: 1100, noisePct: 5 } });
const fineSse = buildStreamingCell('steady/sse', 5);
const fineWs = buildStreamingCell('steady/ws', 5);

function latencyOf(comparison: Comparison): MetricComparison | undefined {
  return comparison.entries.find((e) => e.cellId === 'steady/sse' && e.metric === 'latency_p50_us');
}

describe('re-measure confirmation', () => {
  const first = compareOnce([slowSse, fineWs], 1);

  it('names the cells with a regression for the runner to re-run', () => {
    expect(latencyOf(first)?.verdict).toBe('regressed');
    expect(listCellsToRemeasure(first)).toEqual(['steady/sse']);
  });

  it('keeps a regression that flags again, marked confirmed', () => {
    const confirmed = confirmRegressions(first, compareOnce([slowSse, fineWs], 2));
    expect(latencyOf(confirmed)).toMatchObject({ verdict: 'regressed', confirmed: true });
    expect(decideOutcome(confirmed, { strict: false }).exitCode).toBe(EXIT.regression);
  });

  it('drops a regression that does not flag on the re-measure', () => {
    const confirmed = confirmRegressions(first, compareOnce([fineSse, fineWs], 3));
    expect(latencyOf(confirmed)?.verdict).not.toBe('regressed');
    expect(latencyOf(confirmed)).toMatchObject({ confirmed: false });
    expect(latencyOf(confirmed)?.reason).toContain('not on re-measure');
    expect(decideOutcome(confirmed, { strict: false }).exitCode).toBe(EXIT.ok);
  });

  it('keeps an unconfirmed regression flagged when the cell was not re-measured', () => {
    const confirmed = confirmRegressions(first, compareOnce([fineWs], 4));
    expect(latencyOf(confirmed)).toMatchObject({ verdict: 'regressed', confirmed: false });
    expect(latencyOf(confirmed)?.reason).toContain('not re-measured');
  });

  it('keeps a correctness failure that appears only on the re-measure', () => {
    const lossyRerun = compareOnce(
      [
        buildStreamingCell('steady/sse', 5, {
          latency_p50_us: { center: 1100, noisePct: 5 },
          lost_count: [0, 2, 0, 0, 0],
        }),
        fineWs,
      ],
      5,
    );
    const confirmed = confirmRegressions(first, lossyRerun);
    const lost = confirmed.entries.find((e) => e.cellId === 'steady/sse' && e.metric === 'lost_count');
    expect(lost?.verdict).toBe('correctness-failure');
    expect(decideOutcome(confirmed, { strict: false }).exitCode).toBe(EXIT.correctness);
  });
});
