/**
 * SSE-3 (works through HTTP infrastructure) and OBS-2 (a buffering proxy holds the stream back)
 * from `proxy-buffering`; OBS-1 (long streams cut by a default timeout) from `long-lived`.
 *
 * `proxy-buffering` cells carry a boolean `buffering` param (true: the proxy's buffering default;
 * false: buffering off). `long-lived` cells carry `timeout`: `default` or `disabled`.
 */
import type { CellResult, ResultsDocument, TransportName } from '../../bench/results.js';
import { computeRatio, formatCount, formatRatio } from '../format.js';
import { cellsOf, metricMedian, pairTransports } from '../results-query.js';
import { compareMetric, describeComparison, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, formatMedian, type FigureSpec } from './figures.js';
import { deliveredIntact, worstCount } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const FIRST_MESSAGE = 'first_message_p50_us';
const PROXY_FIGURES: readonly FigureSpec[] = [[FIRST_MESSAGE, 'first msg'], ['latency_p50_us', 'p50'], ['lost_count', 'lost']];
const LONG_LIVED_FIGURES: readonly FigureSpec[] = [['streams_cut_count', 'cut'], ['cut_after_p50_ms', 'cut after']];
/** How much later the first event must arrive through the buffering proxy to count as held back. */
export const BUFFERING_DELAY_FACTOR = 10;
const WOULD_MEASURE_PROXY = 'run the proxy-buffering scenario: both transports through a reverse proxy with buffering on (its default) and off';
const WOULD_MEASURE_LONG_LIVED = 'run the long-lived scenario: streams longer than the server\'s default timeout, with the timeout at its default and disabled';

function describeCells(cells: readonly CellResult[], transport: TransportName, specs: readonly FigureSpec[]): string[] {
  return cells.filter((cell) => cell.transport === transport).map((cell) => {
    const params = Object.entries(cell.params).map(([key, value]) => `${key}=${String(value)}`).join(', ');
    return describeLabelledFigures(`${cell.scenario}${params === '' ? '' : ` ${params}`}`, cell, specs);
  });
}

function figuresOf(cells: readonly CellResult[], specs: readonly FigureSpec[]): { sse: string[]; ws: string[] } {
  return { sse: describeCells(cells, 'sse', specs), ws: describeCells(cells, 'ws', specs) };
}

/**
 * Per proxy configuration: SSE delivered everything and its first event was not later than WS's
 * beyond noise (WS bypasses response buffering once upgraded, so it is the reference).
 */
function judgeProxyPassage(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'proxy-buffering');
  const outcomes: ConditionOutcome[] = [];
  for (const pair of pairTransports(cells)) {
    const comparison = compareMetric(pair.sse, pair.ws, FIRST_MESSAGE, 'lower');
    if (!deliveredIntact(pair.sse)) outcomes.push({ label: pair.label, holds: false, note: 'SSE lost messages or failed through the proxy' });
    else if (comparison !== undefined) outcomes.push({ label: pair.label, holds: comparison.winner !== 'ws', note: `first event ${describeComparison(comparison, 'lower')}` });
  }
  if (outcomes.length === 0) return notMeasured(`proxy-buffering recorded no ${FIRST_MESSAGE} for both transports`, WOULD_MEASURE_PROXY, figuresOf(cells, PROXY_FIGURES));
  return evaluationFromOutcomes(outcomes, figuresOf(cells, PROXY_FIGURES));
}

export const SSE_3_RULE: ClaimRule = {
  id: 'SSE-3',
  claim: 'Plain HTTP: works with existing HTTP infrastructure such as load balancers and caches.',
  scenarios: ['proxy-buffering'],
  needs: 'all',
  ruleText: 'Supported if, through the reverse proxy in every configuration run, SSE delivered every message and its first event arrived no later than WS\'s beyond noise (the larger spread, at least 5%); refuted if in none; depends otherwise (the verdict names the configurations).',
  wouldMeasure: WOULD_MEASURE_PROXY,
  evaluate: judgeProxyPassage,
};

function findSseCell(cells: readonly CellResult[], param: string, value: string | boolean): CellResult | undefined {
  return cells.find((cell) => cell.transport === 'sse' && cell.params[param] === value);
}

function judgeBufferingDelay(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'proxy-buffering');
  const figures = figuresOf(cells, PROXY_FIGURES);
  const buffered = metricMedian(findSseCell(cells, 'buffering', true), FIRST_MESSAGE);
  const streamed = metricMedian(findSseCell(cells, 'buffering', false), FIRST_MESSAGE);
  if (buffered === undefined || streamed === undefined) {
    return notMeasured(`proxy-buffering lacks SSE cells with buffering=true and buffering=false recording ${FIRST_MESSAGE}`, WOULD_MEASURE_PROXY, figures);
  }
  const ratio = computeRatio(buffered, streamed) ?? Number.POSITIVE_INFINITY;
  const note = `first SSE event ${formatRatio(ratio)} later through the buffering proxy than with buffering off`;
  const kind = ratio >= BUFFERING_DELAY_FACTOR ? 'supported' : 'refuted';
  return { ...figures, verdict: { kind, detail: note } };
}

export const OBS_2_RULE: ClaimRule = {
  id: 'OBS-2',
  claim: 'A development proxy buffers the stream, so it arrives in one piece at the end; nginx in front fixes it.',
  scenarios: ['proxy-buffering'],
  needs: 'all',
  ruleText: `Supported if SSE's first event arrives at least ${BUFFERING_DELAY_FACTOR}× later through the buffering proxy (buffering=true) than with buffering off (buffering=false); refuted otherwise.`,
  wouldMeasure: WOULD_MEASURE_PROXY,
  evaluate: judgeBufferingDelay,
};

function judgeDefaultTimeout(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'long-lived');
  const figures = figuresOf(cells, LONG_LIVED_FIGURES);
  const withDefault = findSseCell(cells, 'timeout', 'default');
  const withDisabled = findSseCell(cells, 'timeout', 'disabled');
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
