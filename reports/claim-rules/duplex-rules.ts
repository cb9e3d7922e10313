/**
 * WS-1, SSE-4 (two-way traffic) and WS-9 (chat-like exchanges): upstream messages sent while the
 * downstream is busy, as WS frames on the open socket against SSE's answer, a POST per message.
 */
import type { ResultsDocument } from '../../bench/results.js';
import { cellsOf, pairTransports, type TransportPair } from '../results-query.js';
import { compareMetric, describeComparison, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, type FigureSpec } from './figures.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

type Criterion = readonly [metric: string, better: 'lower' | 'higher', shortName: string];

const UPSTREAM_VARIANTS = { sse: 'sse-post', ws: 'ws-frames' };
const UPSTREAM_FIGURES: readonly FigureSpec[] = [['throughput_msgs_per_sec', 'up'], ['latency_p50_us', 'p50'], ['wire_bytes_up_per_msg', 'bytes up/msg']];
const CHAT_FIGURES: readonly FigureSpec[] = [['latency_p50_us', 'p50'], ['latency_p99_us', 'p99'], ['throughput_msgs_per_sec', 'msgs']];
const WOULD_MEASURE_UPSTREAM = 'run the upstream scenario (WS frames vs an HTTP POST per message while the downstream streams): `npm run bench -- --scenario upstream`';
const WOULD_MEASURE_CHAT = 'a chat scenario: many clients exchanging small messages both ways (fan-out measures many connections, but one way only)';

/** Upstream pairs by their variant names, else the transports' primary cells. */
function selectUpstreamPairs(doc: ResultsDocument): TransportPair[] {
  const cells = cellsOf(doc, 'upstream');
  const named = pairTransports(cells, UPSTREAM_VARIANTS);
  return named.length > 0 ? named : pairTransports(cells);
}

/** One outcome per pair and criterion: holds when WS is better beyond noise. */
function compareForWs(pairs: readonly TransportPair[], criteria: readonly Criterion[]): ConditionOutcome[] {
  const outcomes: ConditionOutcome[] = [];
  for (const pair of pairs) {
    for (const [metric, better, shortName] of criteria) {
      const comparison = compareMetric(pair.sse, pair.ws, metric, better);
      if (comparison === undefined) continue;
      outcomes.push({ label: `${pair.label} ${shortName}`, holds: comparison.winner === 'ws', note: describeComparison(comparison, better) });
    }
  }
  return outcomes;
}

function evaluateWsAdvantage(pairs: readonly TransportPair[], criteria: readonly Criterion[], figureSpecs: readonly FigureSpec[], wouldMeasure: string): ClaimEvaluation {
  const figures = {
    sse: pairs.map((pair) => describeLabelledFigures(`${pair.label} (${pair.sse.variant})`, pair.sse, figureSpecs)),
    ws: pairs.map((pair) => describeLabelledFigures(`${pair.label} (${pair.ws.variant})`, pair.ws, figureSpecs)),
  };
  const outcomes = compareForWs(pairs, criteria);
  if (outcomes.length === 0) return notMeasured(`the cells lack ${criteria.map(([metric]) => metric).join(', ')} for both transports`, wouldMeasure, figures);
  return evaluationFromOutcomes(outcomes, figures);
}

export const WS_1_RULE: ClaimRule = {
  id: 'WS-1',
  claim: 'Bidirectional: a full-duplex channel; client and server send and receive at the same time.',
  scenarios: ['upstream'],
  needs: 'all',
  ruleText: 'Supported if upstream messages as WS frames on the busy socket beat SSE\'s POST-per-message on both upstream throughput and p50 latency by more than noise (the larger spread, at least 5%); refuted if on neither; depends otherwise.',
  wouldMeasure: WOULD_MEASURE_UPSTREAM,
  evaluate: (doc) => evaluateWsAdvantage(selectUpstreamPairs(doc), [['throughput_msgs_per_sec', 'higher', 'throughput'], ['latency_p50_us', 'lower', 'p50']], UPSTREAM_FIGURES, WOULD_MEASURE_UPSTREAM),
};

export const SSE_4_RULE: ClaimRule = {
  id: 'SSE-4',
  claim: 'Con: one-way only, server to client.',
  scenarios: ['upstream'],
  needs: 'all',
  ruleText: 'Supported if SSE\'s upstream path (an HTTP POST per message) costs more than WS frames on every count: more bytes up per message (beyond the spread across repeats), higher p50 latency and lower throughput beyond noise; refuted if on none; depends otherwise.',
  wouldMeasure: WOULD_MEASURE_UPSTREAM,
  evaluate: (doc) => evaluateWsAdvantage(
    selectUpstreamPairs(doc),
    [['wire_bytes_up_per_msg', 'lower', 'bytes up'], ['latency_p50_us', 'lower', 'p50'], ['throughput_msgs_per_sec', 'higher', 'throughput']],
    UPSTREAM_FIGURES,
    WOULD_MEASURE_UPSTREAM,
  ),
};

export const WS_9_RULE: ClaimRule = {
  id: 'WS-9',
  claim: 'Fits complex cases with many exchanges: chat, games.',
  scenarios: ['chat'],
  needs: 'all',
  ruleText: 'Supported if, in the chat scenario (many clients, small messages both ways), WS p50 and p99 round-trip latency are lower than SSE+POST\'s by more than noise (the larger spread, at least 5%) at every client count; refuted if at none; depends otherwise.',
  wouldMeasure: WOULD_MEASURE_CHAT,
  evaluate: (doc) => evaluateWsAdvantage(pairTransports(cellsOf(doc, 'chat')), [['latency_p50_us', 'lower', 'p50'], ['latency_p99_us', 'lower', 'p99']], CHAT_FIGURES, WOULD_MEASURE_CHAT),
};
