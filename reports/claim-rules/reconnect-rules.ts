/**
 * SSE-2 (reconnects automatically when the connection drops) from the `reconnect-*` fault
 * scenarios: each fault runs SSE and WS, each with and without resume. SSE is judged; the WS
 * client's figures stand beside it, because it came back too, by code the harness wrote for it.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { ranCellsOf, skippedScenariosOf, onPlainTransport } from '../results-query.js';
import { evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeFaultCell, describeRecoveries, FAULT_FIGURES, judgeRecovery } from './fault-cells.js';
import { describeHeadlineCount, describeLabelledFigures } from './figures.js';
import { appendToEvaluation, notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const FAULT_SCENARIOS = 'reconnect-*';
const WOULD_MEASURE_RECONNECT =
  'run the reconnect-* scenarios (reset, kill, half-open, proxy down, truncate, storm; SSE and WS, with and without resume): `npm run bench -- --scenario reconnect-reset,reconnect-kill,reconnect-half-open`';

function describeTransportCells(cells: readonly CellResult[], family: ComparedFamily): string[] {
  return cells
    .filter((cell) => onPlainTransport(cell, family))
    .map((cell) => describeLabelledFigures(describeFaultCell(cell), cell, FAULT_FIGURES));
}

/** One outcome per fault: it holds when every SSE cell of that fault recovered, exactly where it resumed. */
function judgeFault(scenario: string, cells: readonly CellResult[]): ConditionOutcome {
  const recoveries = cells.map(judgeRecovery);
  return {
    label: scenario.replace(/^reconnect-/, ''),
    holds: recoveries.every((recovery) => recovery.recovered && recovery.exact),
    note: recoveries.map((recovery) => recovery.note).join(', '),
  };
}

/** `WS, by the harness's own reconnecting client: recovered by itself in 6 of 6 …`. */
function describeWsBeside(cells: readonly CellResult[]): string | undefined {
  const recoveries = describeRecoveries(cells, WS_FAMILY);
  return recoveries === undefined
    ? undefined
    : `WS beside it, by the harness's own reconnecting client (WebSocket defines no reconnection, see WS-8): ${recoveries}`;
}

function describeNotRun(doc: ResultsDocument): string | undefined {
  const skipped = skippedScenariosOf(doc, FAULT_SCENARIOS);
  return skipped.length === 0 ? undefined : `faults not run: ${skipped.join(', ')}`;
}

/** `recovered 4/4`: the transport's fault cells whose client came back by itself. */
function describeRecoveredHeadline(cells: readonly CellResult[], family: ComparedFamily): string {
  const own = cells.filter((cell) => onPlainTransport(cell, family));
  return describeHeadlineCount(
    own.filter((cell) => judgeRecovery(cell).recovered).length,
    own.length,
    'faults recovered',
  );
}

function evaluateAutomaticReconnect(doc: ResultsDocument): ClaimEvaluation {
  const cells = ranCellsOf(doc, FAULT_SCENARIOS);
  const figures = {
    sse: describeTransportCells(cells, SSE_FAMILY),
    ws: describeTransportCells(cells, WS_FAMILY),
    headline: { sse: describeRecoveredHeadline(cells, SSE_FAMILY), ws: describeRecoveredHeadline(cells, WS_FAMILY) },
  };
  const sseCells = cells.filter((cell) => onPlainTransport(cell, SSE_FAMILY));
  if (sseCells.length === 0)
    return notMeasured('the reconnect-* scenarios ran without an SSE cell', WOULD_MEASURE_RECONNECT, figures);
  const scenarios = [...new Set(sseCells.map((cell) => cell.scenario))];
  const outcomes = scenarios.map((scenario) =>
    judgeFault(
      scenario,
      sseCells.filter((cell) => cell.scenario === scenario),
    ),
  );
  const notes = [describeWsBeside(cells), describeNotRun(doc)].filter((note) => note !== undefined);
  return appendToEvaluation(
    evaluationFromOutcomes(outcomes, figures),
    notes.length === 0 ? undefined : notes.join(' — '),
  );
}

export const SSE_2_RULE: ClaimRule = {
  id: 'SSE-2',
  claim: 'Reconnects automatically when the connection drops.',
  title: 'SSE reconnects by itself',
  scenarios: [FAULT_SCENARIOS],
  needs: 'all',
  ruleText:
    'Per fault run (reset, kill, half-open, …): holds if the SSE client came back by itself in every repeat, with and without resume (no failed repeat, unrecovered_count 0, a reconnection time recorded) and, with resume (Last-Event-ID), lost and duplicated nothing in any repeat. ' +
    'Supported if it held for every fault run; refuted if for none; depends otherwise (the verdict names the faults). Without resume the loss is expected and stated (lost_without_resume_count). ' +
    "The SSE client is the harness's Node client following the reconnection rules the protocol defines (retry:, Last-Event-ID), as a browser's EventSource does natively; the WS client's figures are shown beside it, from the harness's own reconnecting client.",
  wouldMeasure: WOULD_MEASURE_RECONNECT,
  evaluate: evaluateAutomaticReconnect,
};
