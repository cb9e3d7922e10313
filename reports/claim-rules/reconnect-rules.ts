/**
 * SSE-2 (automatic reconnection) from the `reconnect-*` fault scenarios, and WS-8, SSE-1 (what
 * each client must implement itself) from `client-impl`, with half-open detection for context.
 */
import type { CellResult, ResultsDocument, TransportName } from '../../bench/results.js';
import { formatCount } from '../format.js';
import { cellsOf, metricSummary, okRuns, pairTransports } from '../results-query.js';
import { compareMetric, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, formatMedian, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const RECONNECT_FIGURES: readonly FigureSpec[] = [
  ['detect_p50_ms', 'detect'], ['reconnect_p50_ms', 'reconnect'], ['lost_count', 'lost'], ['duplicated_count', 'dup'], ['replayed_count', 'replayed'],
];
const IMPL_METRIC = 'client_impl_loc';
const WOULD_MEASURE_RECONNECT = 'run the reconnect-* scenarios (reset, kill, half-open, proxy down, truncate, storm; with and without resume)';
const WOULD_MEASURE_IMPL = 'run the client-impl scenario (lines of client code each transport needs to connect, resume and detect dead connections)';

/** `reconnect-reset resume=true`, plus the variant when it is not the transport itself. */
function describeFaultCell(cell: CellResult): string {
  const resume = cell.params['resume'];
  const variant = cell.variant === cell.transport ? '' : ` (${cell.variant})`;
  return `${cell.scenario}${resume === undefined ? '' : ` resume=${String(resume)}`}${variant}`;
}

/**
 * Reconnected: every repeat succeeded and a reconnection time was recorded. With resume asked for,
 * the stream must also have continued exactly: nothing lost, nothing delivered twice.
 */
function judgeReconnection(cell: CellResult): ConditionOutcome {
  const label = describeFaultCell(cell);
  const failedRuns = cell.runs.length - okRuns(cell).length;
  if (failedRuns > 0 || metricSummary(cell, 'reconnect_p50_ms') === undefined) {
    return { label, holds: false, note: failedRuns > 0 ? `${failedRuns} of ${cell.runs.length} repeats failed` : 'no reconnection recorded' };
  }
  const lost = worstCount(cell, 'lost_count');
  const duplicated = worstCount(cell, 'duplicated_count');
  const exact = lost === 0 && duplicated === 0;
  const reconnectedIn = `reconnected in ${formatMedian(cell, 'reconnect_p50_ms')}`;
  if (cell.params['resume'] !== true) return { label, holds: true, note: `${reconnectedIn} (no resume asked: lost ${formatCount(lost)})` };
  return { label, holds: exact, note: exact ? `${reconnectedIn}, nothing lost or duplicated` : `${reconnectedIn} but lost ${formatCount(lost)}, duplicated ${formatCount(duplicated)}` };
}

function describeFaultCells(cells: readonly CellResult[], transport: TransportName): string[] {
  return cells.filter((cell) => cell.transport === transport).map((cell) => describeLabelledFigures(describeFaultCell(cell), cell, RECONNECT_FIGURES));
}

function evaluateAutomaticReconnect(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'reconnect-*');
  const figures = { sse: describeFaultCells(cells, 'sse'), ws: describeFaultCells(cells, 'ws') };
  const sseCells = cells.filter((cell) => cell.transport === 'sse');
  if (sseCells.length === 0) return notMeasured('the reconnect-* scenarios ran without an SSE cell', WOULD_MEASURE_RECONNECT, figures);
  return evaluationFromOutcomes(sseCells.map(judgeReconnection), figures);
}

export const SSE_2_RULE: ClaimRule = {
  id: 'SSE-2',
  claim: 'Reconnects automatically when the connection drops.',
  scenarios: ['reconnect-*'],
  needs: 'all',
  ruleText: 'Supported if the SSE client reconnected by itself in every reconnect-* cell (no failed repeat, a reconnection time recorded) and, where resume (Last-Event-ID) was on, lost and duplicated nothing in any repeat; refuted if in none; depends otherwise (the verdict names the faults).',
  wouldMeasure: WOULD_MEASURE_RECONNECT,
  evaluate: evaluateAutomaticReconnect,
};

/** Lines of code per client, plus half-open detection time when that fault ran. */
function describeImplementation(doc: ResultsDocument, cell: CellResult, transport: TransportName): string[] {
  const lines = [describeLabelledFigures('client-impl', cell, [[IMPL_METRIC, 'lines']])];
  for (const halfOpen of cellsOf(doc, 'reconnect-half-open').filter((c) => c.transport === transport)) {
    lines.push(describeLabelledFigures(describeFaultCell(halfOpen), halfOpen, [['detect_p50_ms', 'detect']]));
  }
  return lines;
}

/** Holds when the SSE client needed fewer lines than the WS client (exact count). */
function evaluateImplementationSize(doc: ResultsDocument): ClaimEvaluation {
  const pairs = pairTransports(cellsOf(doc, 'client-impl'));
  const outcomes: ConditionOutcome[] = [];
  for (const pair of pairs) {
    const comparison = compareMetric(pair.sse, pair.ws, IMPL_METRIC, 'lower');
    if (comparison === undefined) continue;
    const note = `SSE ${formatCount(comparison.sse.median)} lines vs WS ${formatCount(comparison.ws.median)}`;
    outcomes.push({ label: pair.label, holds: comparison.winner === 'sse', note });
  }
  const figures = {
    sse: pairs.flatMap((pair) => describeImplementation(doc, pair.sse, 'sse')),
    ws: pairs.flatMap((pair) => describeImplementation(doc, pair.ws, 'ws')),
  };
  if (outcomes.length === 0) return notMeasured(`client-impl recorded no ${IMPL_METRIC} for both transports`, WOULD_MEASURE_IMPL, figures);
  return evaluationFromOutcomes(outcomes, figures);
}

export const WS_8_RULE: ClaimRule = {
  id: 'WS-8',
  claim: 'Con: the protocol is complex; you must handle connecting, disconnecting and heartbeats yourself.',
  scenarios: ['client-impl'],
  needs: 'all',
  contextScenarios: ['reconnect-half-open'],
  ruleText: 'Supported if the WS client needed more lines of code (client_impl_loc, exact) than the SSE client to reach the same behaviour: connect, reconnect with resume, detect a half-open connection; refuted if it needed no more. Half-open detection times are shown when reconnect-half-open ran.',
  wouldMeasure: WOULD_MEASURE_IMPL,
  evaluate: evaluateImplementationSize,
};

export const SSE_1_RULE: ClaimRule = {
  id: 'SSE-1',
  claim: 'Simple: the API is easy to use and understand.',
  scenarios: ['client-impl'],
  needs: 'all',
  ruleText: 'Supported if the SSE client needed fewer lines of code (client_impl_loc, exact) than the WS client for the same behaviour, because reconnection and Last-Event-ID come with the protocol; refuted if it needed no fewer.',
  wouldMeasure: WOULD_MEASURE_IMPL,
  evaluate: evaluateImplementationSize,
};
