/**
 * OBS-1 (a long stream is cut at the server's default timeout unless it is disabled) from
 * `long-lived`, whose cells carry `timeout`: `default` or `disabled`.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { formatCount } from '../format.js';
import { cellsOf, metricMedian } from '../results-query.js';
import { describeLabelledFigures, formatMedian, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const LONG_LIVED_FIGURES: readonly FigureSpec[] = [['streams_cut_count', 'cut'], ['cut_after_p50_ms', 'cut after']];
const WOULD_MEASURE_LONG_LIVED = 'run the long-lived scenario: streams longer than the server\'s default timeout, with the timeout at its default and disabled';

function describeCell(cell: CellResult): string {
  const params = Object.entries(cell.params).map(([key, value]) => `${key}=${String(value)}`).join(', ');
  return describeLabelledFigures(`${cell.scenario}${params === '' ? '' : ` ${params}`}`, cell, LONG_LIVED_FIGURES);
}

function findSseCell(cells: readonly CellResult[], timeout: string): CellResult | undefined {
  return cells.find((cell) => cell.transport === 'sse' && cell.params['timeout'] === timeout);
}

function judgeDefaultTimeout(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'long-lived');
  const figures = { sse: cells.filter((cell) => cell.transport === 'sse').map(describeCell), ws: cells.filter((cell) => cell.transport === 'ws').map(describeCell) };
  const withDefault = findSseCell(cells, 'default');
  const withDisabled = findSseCell(cells, 'disabled');
  if (withDefault === undefined || withDisabled === undefined || metricMedian(withDefault, 'streams_cut_count') === undefined) {
    return notMeasured('long-lived lacks SSE cells with timeout=default and timeout=disabled recording streams_cut_count', WOULD_MEASURE_LONG_LIVED, figures);
  }
  const cutByDefault = worstCount(withDefault, 'streams_cut_count');
  const cutWhenDisabled = worstCount(withDisabled, 'streams_cut_count');
  if (cutByDefault === 0) return { ...figures, verdict: { kind: 'refuted', detail: 'with the server\'s default timeout no stream was cut' } };
  if (cutWhenDisabled === 0) {
    return { ...figures, verdict: { kind: 'supported', detail: `the default timeout cut ${formatCount(cutByDefault)} streams after ${formatMedian(withDefault, 'cut_after_p50_ms')}; none with it disabled` } };
  }
  return { ...figures, verdict: { kind: 'depends', condition: `streams were cut even with the timeout disabled (${formatCount(cutWhenDisabled)}): another timeout (proxy, idle without heartbeats) applies too` } };
}

export const OBS_1_RULE: ClaimRule = {
  id: 'OBS-1',
  claim: 'A streaming response needs its server-side timeout disabled; otherwise long streams are cut at the default HTTP timeout.',
  scenarios: ['long-lived'],
  needs: 'all',
  ruleText: 'Supported if SSE streams longer than the timeout were cut (streams_cut_count > 0 in any repeat) with the server\'s default timeout and none were with it disabled; refuted if the default cut none; depends if streams were cut either way.',
  wouldMeasure: WOULD_MEASURE_LONG_LIVED,
  evaluate: judgeDefaultTimeout,
};
