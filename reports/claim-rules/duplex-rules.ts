/**
 * WS-1, SSE-4 (two-way traffic) and WS-9 (chat-like exchanges): upstream messages sent while the
 * downstream is busy, as WS frames on the open socket against SSE's answer, a POST per message.
 *
 * WS-1 and SSE-4 read `upstream` (variants ws-frames and sse-post) when it ran. When it did not,
 * they fall back to `chat`, which sends upstream the same two ways (a WS frame, an HTTP POST per
 * message) but measures latency end to end: sender → server → every receiver. The downstream leg
 * is the same broadcast for both transports, so a difference there is the upstream path's; chat's
 * throughput is its fixed offered load (50 members × 10 msg/s), so it is shown and not judged.
 */
import type { ResultsDocument } from '../../bench/results.js';
import { WS_FAMILY } from '../../transports/families.js';
import { cellsOf, pairTransports, scenarioStatus, type TransportPair } from '../results-query.js';
import { compareMetric, describeComparison, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeLabelledFigures, headlineOf, type FigureSpec } from './figures.js';
import { deliveredIntact } from './integrity.js';
import { appendToEvaluation, notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

type Criterion = readonly [metric: string, better: 'lower' | 'higher', shortName: string];

const UPSTREAM_VARIANTS = { sse: 'sse-post', ws: 'ws-frames' };
const UPSTREAM_FIGURES: readonly FigureSpec[] = [
  ['throughput_msgs_per_sec', 'up'],
  ['latency_p50_us', 'p50'],
  ['wire_bytes_up_per_msg', 'bytes up/msg'],
];
const CHAT_FIGURES: readonly FigureSpec[] = [
  ['latency_p50_us', 'p50'],
  ['latency_p99_us', 'p99'],
  ['wire_bytes_up_per_msg', 'bytes up/msg'],
  ['throughput_msgs_per_sec', 'deliveries'],
  ['lost_count', 'lost'],
];
const P50: Criterion = ['latency_p50_us', 'lower', 'p50'];
const P99: Criterion = ['latency_p99_us', 'lower', 'p99'];
const UPSTREAM_THROUGHPUT: Criterion = ['throughput_msgs_per_sec', 'higher', 'throughput'];
const BYTES_UP: Criterion = ['wire_bytes_up_per_msg', 'lower', 'bytes up'];
const WOULD_MEASURE_UPSTREAM =
  'run the upstream scenario (WS frames vs an HTTP POST per message while the downstream streams): `npm run bench -- --scenario upstream`; chat answers it in part';
const WOULD_MEASURE_CHAT =
  "run the chat scenario: 50 members each posting 10 small messages/s and receiving everyone's (`npm run bench -- --scenario chat`)";
const CHAT_FALLBACK_NOTE =
  "read from chat because upstream did not run: latency is sender → server → every receiver, so it includes the downstream leg on both transports; chat's throughput is its offered load and is not judged";

/** Where the upstream figures come from: `upstream` when it ran, else `chat`. */
interface UpstreamSource {
  scenario: 'upstream' | 'chat';
  pairs: TransportPair[];
}

/** Upstream pairs by their variant names (else the transports' primary cells), or chat's. */
function selectUpstreamSource(doc: ResultsDocument): UpstreamSource {
  if (scenarioStatus(doc, 'upstream').kind !== 'ran')
    return { scenario: 'chat', pairs: pairTransports(cellsOf(doc, 'chat')) };
  const cells = cellsOf(doc, 'upstream');
  const named = pairTransports(cells, UPSTREAM_VARIANTS);
  return { scenario: 'upstream', pairs: named.length > 0 ? named : pairTransports(cells) };
}

/**
 * One outcome per pair and criterion: holds when WS is better beyond noise. A WS cell that lost or
 * corrupted messages cannot win: being fast by dropping messages is not an advantage.
 */
function compareForWs(
  doc: ResultsDocument,
  pairs: readonly TransportPair[],
  criteria: readonly Criterion[],
): ConditionOutcome[] {
  const outcomes: ConditionOutcome[] = [];
  for (const pair of pairs) {
    const wsIntact = deliveredIntact(pair.ws);
    for (const [metric, better, shortName] of criteria) {
      const comparison = compareMetric(doc.metricSpecs, pair.sse, pair.ws, metric, better);
      if (comparison === undefined) continue;
      const note = describeComparison(comparison, better);
      outcomes.push({
        label: `${pair.label} ${shortName}`,
        holds: wsIntact && comparison.winner === WS_FAMILY,
        note: wsIntact ? note : `${note}, but WS lost or corrupted messages`,
      });
    }
  }
  return outcomes;
}

function evaluateWsAdvantage(
  doc: ResultsDocument,
  pairs: readonly TransportPair[],
  criteria: readonly Criterion[],
  figureSpecs: readonly FigureSpec[],
  wouldMeasure: string,
): ClaimEvaluation {
  const figures = {
    sse: pairs.map((pair) => describeLabelledFigures(`${pair.label} (${pair.sse.variant})`, pair.sse, figureSpecs)),
    ws: pairs.map((pair) => describeLabelledFigures(`${pair.label} (${pair.ws.variant})`, pair.ws, figureSpecs)),
    // The first criterion is the one each claim turns on: throughput, bytes up or p50.
    ...(pairs[0] === undefined || criteria[0] === undefined
      ? {}
      : { headline: headlineOf(pairs[0], criteria[0][0], `${pairs[0].label} ${criteria[0][2]}`) }),
  };
  const outcomes = compareForWs(doc, pairs, criteria);
  if (outcomes.length === 0)
    return notMeasured(
      `the cells lack ${criteria.map(([metric]) => metric).join(', ')} for both transports`,
      wouldMeasure,
      figures,
    );
  return evaluationFromOutcomes(outcomes, figures);
}

/** The upstream claim on `upstream`'s criteria, or on chat's when only chat ran (and it says so). */
function evaluateUpstreamClaim(
  doc: ResultsDocument,
  upstreamCriteria: readonly Criterion[],
  chatCriteria: readonly Criterion[],
): ClaimEvaluation {
  const source = selectUpstreamSource(doc);
  if (source.scenario === 'upstream')
    return evaluateWsAdvantage(doc, source.pairs, upstreamCriteria, UPSTREAM_FIGURES, WOULD_MEASURE_UPSTREAM);
  return appendToEvaluation(
    evaluateWsAdvantage(doc, source.pairs, chatCriteria, CHAT_FIGURES, WOULD_MEASURE_UPSTREAM),
    CHAT_FALLBACK_NOTE,
  );
}

export const WS_1_RULE: ClaimRule = {
  id: 'WS-1',
  claim: 'Bidirectional: a full-duplex channel; client and server send and receive at the same time.',
  title: 'WS is full duplex',
  scenarios: ['upstream', 'chat'],
  needs: 'any',
  ruleText:
    "From upstream: supported if upstream messages as WS frames on the busy socket beat SSE's POST-per-message on both upstream throughput and p50 latency by more than noise (the larger spread, at least 5%); refuted if on neither; depends otherwise. When only chat ran: the same on chat's p50 and p99 latency (sender → server → every receiver), throughput not judged. A WS cell that lost or corrupted messages never wins.",
  wouldMeasure: WOULD_MEASURE_UPSTREAM,
  evaluate: (doc) => evaluateUpstreamClaim(doc, [UPSTREAM_THROUGHPUT, P50], [P50, P99]),
};

export const SSE_4_RULE: ClaimRule = {
  id: 'SSE-4',
  claim: 'Con: one-way only, server to client.',
  title: 'SSE is one-way only',
  scenarios: ['upstream', 'chat'],
  needs: 'any',
  ruleText:
    "From upstream: supported if SSE's upstream path (an HTTP POST per message) costs more than WS frames on every count: more bytes up per message (beyond the spread across repeats), higher p50 latency and lower throughput beyond noise (the larger spread, at least 5%); refuted if on none; depends otherwise. When only chat ran: the same on bytes up per message and p50 latency (sender → server → every receiver), throughput not judged.",
  wouldMeasure: WOULD_MEASURE_UPSTREAM,
  evaluate: (doc) => evaluateUpstreamClaim(doc, [BYTES_UP, P50, UPSTREAM_THROUGHPUT], [BYTES_UP, P50]),
};

export const WS_9_RULE: ClaimRule = {
  id: 'WS-9',
  claim: 'Fits complex cases with many exchanges: chat, games.',
  title: 'WS fits chat, games',
  scenarios: ['chat'],
  needs: 'all',
  ruleText:
    "Supported if, in the chat scenario (many members each posting small messages and receiving everyone's), WS p50 and p99 one-way latency (from the sender's scheduled send time to each receiver, through the server) are lower than SSE+POST's by more than noise (the larger spread, at least 5%) in every chat cell, with nothing lost or corrupted over WS; refuted if in none; depends otherwise. Bytes up per message (a WS frame vs a whole HTTP POST) are shown, not judged.",
  wouldMeasure: WOULD_MEASURE_CHAT,
  evaluate: (doc) =>
    evaluateWsAdvantage(doc, pairTransports(cellsOf(doc, 'chat')), [P50, P99], CHAT_FIGURES, WOULD_MEASURE_CHAT),
};
