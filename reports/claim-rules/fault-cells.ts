/**
 * How the claim rules read a cell of a `reconnect-*` fault scenario: which fault and resume mode it
 * ran, and whether its client came back by itself. Counts are judged on the worst repeat, as
 * integrity always is: one repeat that left a connection dead is a connection left dead.
 */
import type { CellResult } from '../../bench/results.js';
import type { ComparedFamily } from '../../transports/families.js';
import { formatCount } from '../format.js';
import { metricSummary, okRuns, onPlainTransport } from '../results-query.js';
import { formatMedian, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';

/** The figures a fault cell shows in a claim row; metrics a cell lacks (lost_count without resume) drop out. */
export const FAULT_FIGURES: readonly FigureSpec[] = [
  ['detect_p50_ms', 'detect p50'],
  ['detect_p99_ms', 'p99'],
  ['reconnect_p50_ms', 'reconnect p50'],
  ['reconnect_p99_ms', 'p99'],
  ['reconnect_attempts_count', 'attempts'],
  ['unrecovered_count', 'unrecovered'],
  ['lost_count', 'lost'],
  ['duplicated_count', 'dup'],
  ['lost_without_resume_count', 'lost without resume'],
  ['replayed_count', 'replayed'],
];

/** `reset` from `reconnect-reset`. */
export function faultNameOf(cell: CellResult): string {
  return cell.scenario.replace(/^reconnect-/, '');
}

/** Whether the cell's client asked to resume (SSE: Last-Event-ID; WS: ?from=). */
export function asksResume(cell: CellResult): boolean {
  return cell.params['resume'] === true;
}

/** `reconnect-reset with resume`. */
export function describeFaultCell(cell: CellResult): string {
  return `${cell.scenario} ${asksResume(cell) ? 'with' : 'without'} resume`;
}

/** What one fault cell shows about its client's way back. */
export interface Recovery {
  /** Every repeat succeeded, and every connection got a message after the fault in every repeat. */
  recovered: boolean;
  /** Recovered and, with resume, nothing lost or duplicated in any repeat (without resume: recovered). */
  exact: boolean;
  /** `with resume back in 241 ms, nothing lost or duplicated (1,290 replayed)`. */
  note: string;
}

/** Why a cell did not recover, or undefined when it did. */
function describeFailure(cell: CellResult): string | undefined {
  const failedRuns = cell.runs.length - okRuns(cell).length;
  if (failedRuns > 0) return `${failedRuns} of ${cell.runs.length} repeats failed`;
  if (okRuns(cell).length === 0) return 'no repeat ran';
  const unrecovered = worstCount(cell, 'unrecovered_count');
  if (unrecovered > 0) return `${formatCount(unrecovered)} connections never got a message after the fault`;
  if (metricSummary(cell, 'reconnect_p50_ms') === undefined) return 'no reconnection recorded';
  return undefined;
}

/**
 * Recovered: no failed repeat, unrecovered_count 0 in every repeat and a reconnection time recorded.
 * With resume the stream must also continue exactly; without it, loss is the expected price and is
 * only stated (lost_without_resume_count, median).
 */
export function judgeRecovery(cell: CellResult): Recovery {
  const mode = asksResume(cell) ? 'with resume' : 'without resume';
  const failure = describeFailure(cell);
  if (failure !== undefined) return { recovered: false, exact: false, note: `${mode}: ${failure}` };
  const backIn = `${mode} back in ${formatMedian(cell, 'reconnect_p50_ms')}`;
  if (!asksResume(cell))
    return { recovered: true, exact: true, note: `${backIn}, ${formatMedian(cell, 'lost_without_resume_count')} lost` };
  const lost = worstCount(cell, 'lost_count');
  const duplicated = worstCount(cell, 'duplicated_count');
  if (lost > 0 || duplicated > 0)
    return {
      recovered: true,
      exact: false,
      note: `${backIn} but lost ${formatCount(lost)}, duplicated ${formatCount(duplicated)}`,
    };
  return {
    recovered: true,
    exact: true,
    note: `${backIn}, nothing lost or duplicated (${formatMedian(cell, 'replayed_count')} replayed)`,
  };
}

/** `recovered by itself in 6 of 6 fault cells; resumed exactly in 3 of 3`. */
export function describeRecoveries(cells: readonly CellResult[], family: ComparedFamily): string | undefined {
  const own = cells.filter((cell) => onPlainTransport(cell, family));
  if (own.length === 0) return undefined;
  const recovered = own.filter((cell) => judgeRecovery(cell).recovered).length;
  const resuming = own.filter(asksResume);
  const exact = resuming.filter((cell) => judgeRecovery(cell).exact).length;
  const resumed = resuming.length === 0 ? '' : `; resumed exactly in ${exact} of ${resuming.length}`;
  return `recovered by itself in ${recovered} of ${own.length} fault cells${resumed}`;
}
