/**
 * WS-2 and SSE-5: one experiment, one-way latency of SSE and WS under the same open-loop schedule,
 * at a few connections (steady) and many (fan-out), with the TCP floor for scale.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { formatRatio, computeRatio } from '../format.js';
import {
  findTcpFloor,
  latencyResolutionUs,
  metricMedian,
  pairTransports,
  ranCellsOf,
  type TransportPair,
} from '../results-query.js';
import {
  compareMetric,
  describeComparison,
  evaluationFromOutcomes,
  type ConditionOutcome,
  type MetricComparison,
} from './compare.js';
import { describeLabelledFigures, headlineOf, type FigureSpec } from './figures.js';
import { describeLayers, noteLayers } from './layers.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const LATENCY_SCENARIOS = ['steady', 'fan-out'] as const;
const LATENCY_METRICS: readonly FigureSpec[] = [
  ['latency_p50_us', 'p50'],
  ['latency_p99_us', 'p99'],
];
const WOULD_MEASURE =
  'run the steady and fan-out scenarios (with tcp-floor for scale): `npm run bench -- --scenario steady,fan-out,tcp-floor`';

function collectLatencyPairs(doc: ResultsDocument): TransportPair[] {
  return LATENCY_SCENARIOS.flatMap((scenario) => pairTransports(ranCellsOf(doc, scenario)));
}

interface LatencyComparison {
  pair: TransportPair;
  shortName: string;
  comparison: MetricComparison;
  /** Set when the medians differ by less than the run's resolution: the run cannot tell them apart. */
  unresolved?: string;
}

function compareLatencies(
  doc: ResultsDocument,
  pairs: readonly TransportPair[],
  resolutionUs: number | undefined,
): LatencyComparison[] {
  const comparisons: LatencyComparison[] = [];
  for (const pair of pairs) {
    for (const [metric, shortName] of LATENCY_METRICS) {
      const comparison = compareMetric(doc.metricSpecs, pair.sse, pair.ws, metric, 'lower');
      if (comparison === undefined) continue;
      const gapUs = Math.abs(comparison.sse.median - comparison.ws.median);
      if (resolutionUs !== undefined && gapUs < resolutionUs && comparison.winner !== 'neither') {
        const unresolved = `within the run's resolution (${Math.round(gapUs)} µs apart < ${Math.round(resolutionUs)} µs)`;
        comparisons.push({ pair, shortName, comparison: { ...comparison, winner: 'neither' }, unresolved });
      } else comparisons.push({ pair, shortName, comparison });
    }
  }
  return comparisons;
}

/** The figures plus, when a floor under the same load exists, how far above it the p50 sits. */
function describeLatency(doc: ResultsDocument, label: string, cell: CellResult): string {
  const figures = describeLabelledFigures(label, cell, LATENCY_METRICS);
  const floor = findTcpFloor(doc, cell);
  const floorP50 = metricMedian(floor, 'latency_p50_us');
  const cellP50 = metricMedian(cell, 'latency_p50_us');
  if (floorP50 === undefined || cellP50 === undefined) return figures;
  return `${figures} · ${formatRatio(computeRatio(cellP50, floorP50))} TCP floor p50`;
}

function evaluateLatencyClaim(doc: ResultsDocument, holds: (comparison: MetricComparison) => boolean): ClaimEvaluation {
  const pairs = collectLatencyPairs(doc);
  const comparisons = compareLatencies(doc, pairs, latencyResolutionUs(doc));
  const figures = {
    sse: [
      ...pairs.map((pair) => describeLatency(doc, pair.label, pair.sse)),
      ...describeLayers(pairs, SSE_FAMILY, LATENCY_METRICS),
    ],
    ws: [
      ...pairs.map((pair) => describeLatency(doc, pair.label, pair.ws)),
      ...describeLayers(pairs, WS_FAMILY, LATENCY_METRICS),
    ],
    ...(pairs[0] === undefined ? {} : { headline: headlineOf(pairs[0], 'latency_p50_us', `${pairs[0].label} p50`) }),
  };
  if (comparisons.length === 0)
    return notMeasured(
      'steady and fan-out recorded no latency_p50_us/latency_p99_us for both SSE and WS',
      WOULD_MEASURE,
      figures,
    );
  const outcomes: ConditionOutcome[] = comparisons.map(({ pair, shortName, comparison, unresolved }) => ({
    label: `${pair.label} ${shortName}`,
    holds: holds(comparison),
    note: unresolved ?? describeComparison(comparison, 'lower'),
  }));
  const evaluation = evaluationFromOutcomes(outcomes, figures);
  return { ...evaluation, verdict: noteLayers(evaluation.verdict, pairs) };
}

export const WS_2_RULE: ClaimRule = {
  id: 'WS-2',
  claim: 'Real-time: the connection is persistent, so latency is low.',
  title: 'WS has low latency',
  scenarios: LATENCY_SCENARIOS,
  needs: 'any',
  contextScenarios: ['tcp-floor'],
  ruleText:
    "Supported if WS p50 and p99 one-way latency are no higher than SSE's beyond noise (the larger spread of the two, at least 5%, and at least the run's resolution: the TCP floor's p50) in every steady and fan-out cell; refuted if higher in every one; depends otherwise. The TCP floor is shown for scale.",
  wouldMeasure: WOULD_MEASURE,
  evaluate: (doc) => evaluateLatencyClaim(doc, (comparison) => comparison.winner !== SSE_FAMILY),
};

export const SSE_5_RULE: ClaimRule = {
  id: 'SSE-5',
  claim: 'Con: real-time may be worse than WebSocket because SSE is HTTP-based.',
  title: 'SSE latency is worse',
  scenarios: LATENCY_SCENARIOS,
  needs: 'any',
  contextScenarios: ['tcp-floor'],
  ruleText:
    "Supported if SSE p50 and p99 one-way latency are higher than WS's by more than noise (the larger spread of the two, at least 5%, and at least the run's resolution: the TCP floor's p50) in every steady and fan-out cell; refuted if in none; depends otherwise.",
  wouldMeasure: WOULD_MEASURE,
  evaluate: (doc) => evaluateLatencyClaim(doc, (comparison) => comparison.winner === WS_FAMILY),
};
