/**
 * SSE-9 (fits an LLM token stream) from `llm-stream`.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { cellsOf, metricMedian, primaryCell, onPlainTransport } from '../results-query.js';
import { compareMetric, describeComparison, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, headlineOf, type FigureSpec } from './figures.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const LLM_FIGURES: readonly FigureSpec[] = [
  ['ttft_p50_us', 'TTFT p50'],
  ['ttft_p99_us', 'TTFT p99'],
  ['itl_p50_us', 'ITL p50'],
  ['itl_p99_us', 'ITL p99'],
];
const WOULD_MEASURE_LLM =
  'run the llm-stream scenario: a prompt up, tokens streamed back over SSE (GET and POST) and WS';

/** Per metric, the better SSE variant (GET or POST) against WS: holds when WS is not better. */
function judgeTokenStreaming(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'llm-stream');
  const sseCells = cells.filter((cell) => onPlainTransport(cell, SSE_FAMILY));
  const ws = primaryCell(cells, WS_FAMILY);
  const figures = {
    sse: sseCells.map((cell) => describeLabelledFigures(cell.variant, cell, LLM_FIGURES)),
    ws: ws === undefined ? [] : [describeLabelledFigures(ws.variant, ws, LLM_FIGURES)],
    headline: headlineOf({ sse: bestCell(sseCells, 'ttft_p50_us'), ws }, 'ttft_p50_us', 'first token'),
  };
  const outcomes: ConditionOutcome[] = [];
  for (const [metric, shortName] of [
    ['ttft_p50_us', 'TTFT p50'],
    ['itl_p99_us', 'ITL p99'],
  ] as const) {
    const best = bestCell(sseCells, metric);
    const comparison =
      best === undefined || ws === undefined ? undefined : compareMetric(doc.metricSpecs, best, ws, metric, 'lower');
    if (best === undefined || comparison === undefined) continue;
    outcomes.push({
      label: `${shortName} (${best.variant} vs ws)`,
      holds: comparison.winner !== WS_FAMILY,
      note: describeComparison(comparison, 'lower'),
    });
  }
  if (outcomes.length === 0)
    return notMeasured('llm-stream recorded no ttft_p50_us/itl_p99_us for both SSE and WS', WOULD_MEASURE_LLM, figures);
  return evaluationFromOutcomes(outcomes, figures);
}

function bestCell(cells: readonly CellResult[], metric: string): CellResult | undefined {
  let best: CellResult | undefined;
  for (const cell of cells) {
    const value = metricMedian(cell, metric);
    if (value !== undefined && (best === undefined || value < (metricMedian(best, metric) ?? Number.POSITIVE_INFINITY)))
      best = cell;
  }
  return best;
}

export const SSE_9_RULE: ClaimRule = {
  id: 'SSE-9',
  claim: 'Fits simple cases, such as an LLM client that sends one message while the server streams the answer back.',
  title: 'SSE fits LLM streaming',
  scenarios: ['llm-stream'],
  needs: 'all',
  ruleText:
    'Supported if the better SSE variant (GET or POST) is no worse than WS beyond noise (the larger spread, at least 5%) on time to first token (p50) and on inter-token latency (p99); refuted if WS is better on both; depends otherwise.',
  wouldMeasure: WOULD_MEASURE_LLM,
  evaluate: judgeTokenStreaming,
};
