/**
 * The re-measure step: a noisy metric flagged as regressed is measured once more, and only counts
 * if it flags again. The runner re-runs the cells `listCellsToRemeasure` names (base and head,
 * interleaved), compares that re-run, and passes both comparisons to `confirmRegressions`.
 * Squaring a false-alarm rate of a few percent per metric makes it negligible, while a real
 * regression flags both times.
 */
import type { Comparison, MetricComparison } from './comparison.js';
import { isCorrectnessVerdict } from './exit-code.js';

function entryKey(entry: MetricComparison): string {
  return `${entry.cellId}\u0000${entry.metric}`;
}

/** Ids of the cells with at least one regressed metric, in comparison order, each once. */
export function listCellsToRemeasure(comparison: Comparison): string[] {
  return [...new Set(comparison.entries.filter((entry) => entry.verdict === 'regressed').map((entry) => entry.cellId))];
}

/** A first-pass regression judged against its re-measure. */
function confirmRegression(first: MetricComparison, second: MetricComparison | undefined): MetricComparison {
  // Not re-measured (the runner skipped the cell): keep the flag rather than drop a regression
  // silently, and say so.
  if (second === undefined) return { ...first, confirmed: false, reason: `${first.reason}; not re-measured` };
  if (second.verdict === 'regressed')
    return { ...second, confirmed: true, reason: `${second.reason}; confirmed on re-measure` };
  return {
    ...second,
    confirmed: false,
    reason: `regressed on first measure (×${first.ratio?.toFixed(3) ?? '?'}), not on re-measure: ${second.reason}`,
  };
}

/**
 * Combines a comparison with the comparison of a re-measure: a metric stays 'regressed' only when
 * it is regressed in both. A correctness problem seen in either pass is kept, because a lost
 * message is never noise. Everything else keeps its first verdict.
 */
export function confirmRegressions(first: Comparison, second: Comparison): Comparison {
  const secondByKey = new Map(second.entries.map((entry) => [entryKey(entry), entry]));
  const entries = first.entries.map((entry) => {
    const again = secondByKey.get(entryKey(entry));
    if (entry.verdict === 'regressed') return confirmRegression(entry, again);
    if (again !== undefined && isCorrectnessVerdict(again.verdict) && !isCorrectnessVerdict(entry.verdict)) {
      return { ...again, reason: `${again.reason} (on re-measure)` };
    }
    return entry;
  });
  return {
    ...first,
    entries,
    warnings: [...new Set([...first.warnings, ...second.warnings])],
    watchdogStopped: first.watchdogStopped || second.watchdogStopped,
  };
}
