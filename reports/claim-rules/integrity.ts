/**
 * Whether a cell delivered its messages exactly. Judged on the worst repeat (the max), not the
 * median: one repeat that lost a message is a loss, however many others did not.
 */
import type { CellResult } from '../../bench/results.js';
import { formatCount } from '../format.js';
import { metricSummary, okRuns } from '../results-query.js';

const INTEGRITY_COUNTS = ['lost_count', 'duplicated_count', 'reordered_count', 'corrupted_count'] as const;

/** The largest value a count took in any successful repeat; 0 when it was not recorded. */
export function worstCount(cell: CellResult, metric: string): number {
  return metricSummary(cell, metric)?.max ?? 0;
}

/** No failed repeat, at least one successful one, and nothing lost or corrupted in any. */
export function deliveredIntact(cell: CellResult): boolean {
  const failedRuns = cell.runs.length - okRuns(cell).length;
  return (
    failedRuns === 0 &&
    okRuns(cell).length > 0 &&
    worstCount(cell, 'lost_count') === 0 &&
    worstCount(cell, 'corrupted_count') === 0
  );
}

/**
 * What a cell's works flag (a 1/0 per repeat such as `works` or `client_works`) and its integrity
 * counts say together. `blocked`: no repeat got a stream, the answer a refusal is expected to give;
 * `flawed`: some repeat got one, but not every repeat or not every message; `unknown`: no flag.
 */
export interface DeliveryOutcome {
  kind: 'works' | 'blocked' | 'flawed' | 'unknown';
  /** `works, nothing lost` · `no stream (http-status)` · `worked in 2 of 3 repeats` · `lost 4`. */
  note: string;
}

export function judgeDelivery(cell: CellResult, worksMetric: string): DeliveryOutcome {
  const flag = metricSummary(cell, worksMetric);
  if (flag === undefined) return { kind: 'unknown', note: `no ${worksMetric} recorded` };
  if (flag.max === 0) return { kind: 'blocked', note: describeBlocked(cell) };
  const repeats = cell.runs.length;
  const worked = okRuns(cell).filter((run) => run.metrics[worksMetric] === 1).length;
  if (worked < repeats) return { kind: 'flawed', note: `worked in ${worked} of ${repeats} repeats` };
  const broken = INTEGRITY_COUNTS.filter((metric) => worstCount(cell, metric) > 0);
  if (broken.length > 0)
    return {
      kind: 'flawed',
      note: broken
        .map((metric) => `${metric.replace('_count', '')} ${formatCount(worstCount(cell, metric))}`)
        .join(', '),
    };
  return { kind: 'works', note: 'works, nothing lost' };
}

/** `no stream (http-status)`: the error categories the repeats recorded say why. */
function describeBlocked(cell: CellResult): string {
  const categories = [
    ...new Set(
      cell.runs.flatMap((run) => [
        ...Object.keys(run.errorCounts),
        ...(run.error === undefined ? [] : [run.error.category]),
      ]),
    ),
  ];
  return categories.length === 0 ? 'no stream' : `no stream (${categories.join(', ')})`;
}
