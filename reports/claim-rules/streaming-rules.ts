/**
 * SSE-8 (messages lost or run together when parsing a stream) from `framing`, and SSE-9 (fits an
 * LLM token stream) from `llm-stream`.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { formatCount } from '../format.js';
import { cellsOf, metricMedian, primaryCell } from '../results-query.js';
import { compareMetric, describeComparison, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const FRAMING_FIGURES: readonly FigureSpec[] = [
  ['framing_spec_lost_count', 'spec lost'], ['framing_spec_corrupted_count', 'spec corrupted'],
  ['framing_naive_lost_count', 'naive lost'], ['framing_naive_corrupted_count', 'naive corrupted'],
];
const LLM_FIGURES: readonly FigureSpec[] = [['ttft_p50_us', 'TTFT p50'], ['ttft_p99_us', 'TTFT p99'], ['itl_p50_us', 'ITL p50'], ['itl_p99_us', 'ITL p99']];
const WOULD_MEASURE_FRAMING = 'run the framing scenario: events split at every byte boundary and run together in one segment, parsed by a spec parser and a naive line parser';
const WOULD_MEASURE_LLM = 'run the llm-stream scenario: a prompt up, tokens streamed back over SSE (GET and POST) and WS';

/** Messages lost plus corrupted by one parser, summed over cells, worst repeat of each. */
function countParserFailures(cells: readonly CellResult[], parser: 'spec' | 'naive'): number {
  return cells.reduce((total, cell) => total + worstCount(cell, `framing_${parser}_lost_count`) + worstCount(cell, `framing_${parser}_corrupted_count`), 0);
}

function judgeFraming(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'framing').filter((cell) => metricMedian(cell, 'framing_spec_lost_count') !== undefined);
  const describe = (transport: 'sse' | 'ws'): string[] => cells.filter((cell) => cell.transport === transport).map((cell) => describeLabelledFigures(cell.id, cell, FRAMING_FIGURES));
  const wsFigures = describe('ws');
  const figures = { sse: describe('sse'), ws: wsFigures.length > 0 ? wsFigures : ['not applicable: WS frames are length-delimited by the protocol, never split by a line parser'] };
  const sseCells = cells.filter((cell) => cell.transport === 'sse');
  if (sseCells.length === 0) return notMeasured('framing recorded no framing_spec_* counts for SSE', WOULD_MEASURE_FRAMING, figures);
  const specFailures = countParserFailures(sseCells, 'spec');
  const naiveFailures = countParserFailures(sseCells, 'naive');
  if (specFailures > 0) return { ...figures, verdict: { kind: 'supported', detail: `even the spec parser lost or corrupted ${formatCount(specFailures)} messages` } };
  if (naiveFailures > 0) {
    return { ...figures, verdict: { kind: 'depends', condition: `on the parser: a naive line parser lost or corrupted ${formatCount(naiveFailures)} messages; a spec parser none` } };
  }
  return { ...figures, verdict: { kind: 'refuted', detail: 'neither the spec parser nor the naive line parser lost or corrupted a message' } };
}

export const SSE_8_RULE: ClaimRule = {
  id: 'SSE-8',
  claim: 'Con: streaming can lose messages or run them together ("sticky packets"); you need your own encoding and decoding.',
  scenarios: ['framing'],
  needs: 'all',
  ruleText: 'Supported if a spec-conformant SSE parser lost or corrupted messages split at every byte boundary or run together; depends (on the parser) if only the naive line parser did; refuted if neither did. Counts are exact, worst repeat.',
  wouldMeasure: WOULD_MEASURE_FRAMING,
  evaluate: judgeFraming,
};

/** Per metric, the better SSE variant (GET or POST) against WS: holds when WS is not better. */
function judgeTokenStreaming(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'llm-stream');
  const sseCells = cells.filter((cell) => cell.transport === 'sse');
  const ws = primaryCell(cells, 'ws');
  const figures = {
    sse: sseCells.map((cell) => describeLabelledFigures(cell.variant, cell, LLM_FIGURES)),
    ws: ws === undefined ? [] : [describeLabelledFigures(ws.variant, ws, LLM_FIGURES)],
  };
  const outcomes: ConditionOutcome[] = [];
  for (const [metric, shortName] of [['ttft_p50_us', 'TTFT p50'], ['itl_p99_us', 'ITL p99']] as const) {
    const best = bestCell(sseCells, metric);
    const comparison = best === undefined || ws === undefined ? undefined : compareMetric(best, ws, metric, 'lower');
    if (best === undefined || comparison === undefined) continue;
    outcomes.push({ label: `${shortName} (${best.variant} vs ws)`, holds: comparison.winner !== 'ws', note: describeComparison(comparison, 'lower') });
  }
  if (outcomes.length === 0) return notMeasured('llm-stream recorded no ttft_p50_us/itl_p99_us for both SSE and WS', WOULD_MEASURE_LLM, figures);
  return evaluationFromOutcomes(outcomes, figures);
}

function bestCell(cells: readonly CellResult[], metric: string): CellResult | undefined {
  let best: CellResult | undefined;
  for (const cell of cells) {
    const value = metricMedian(cell, metric);
    if (value !== undefined && (best === undefined || value < (metricMedian(best, metric) ?? Number.POSITIVE_INFINITY))) best = cell;
  }
  return best;
}

export const SSE_9_RULE: ClaimRule = {
  id: 'SSE-9',
  claim: 'Fits simple cases, such as an LLM client that sends one message while the server streams the answer back.',
  scenarios: ['llm-stream'],
  needs: 'all',
  ruleText: 'Supported if the better SSE variant (GET or POST) is no worse than WS beyond noise (the larger spread, at least 5%) on time to first token (p50) and on inter-token latency (p99); refuted if WS is better on both; depends otherwise.',
  wouldMeasure: WOULD_MEASURE_LLM,
  evaluate: judgeTokenStreaming,
};
