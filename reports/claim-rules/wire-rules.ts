/**
 * WS-3, SSE-6 (bytes on the wire) and WS-4, SSE-7 (binary payloads): exact socket byte counts per
 * message, from the `wire` payload-size sweep, or from `steady` when only that ran.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { formatBytes } from '../format.js';
import {
  cellsOf,
  metricMedian,
  metricSummary,
  pairTransports,
  payloadBytesOf,
  scenarioStatus,
  type TransportPair,
} from '../results-query.js';
import { compareMetric, evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { describeFigures, describeLabelledFigures, formatMedian, type FigureSpec } from './figures.js';
import { deliveredIntact } from './integrity.js';
import { describeLayers, noteLayers } from './layers.js';
import { appendToVerdict, notMeasured, type ClaimEvaluation, type ClaimRule, type Headline } from './rule.js';

const BYTES_PER_MSG = 'wire_bytes_down_per_msg';
const BYTE_FIGURES: readonly FigureSpec[] = [
  [BYTES_PER_MSG, 'down/msg'],
  ['overhead_bytes_down_per_msg', 'overhead/msg'],
];
const BINARY_FIGURES: readonly FigureSpec[] = [
  [BYTES_PER_MSG, 'down/msg'],
  ['efficiency_pct', 'efficiency'],
  ['client_cpu_us_per_msg', 'client CPU/msg'],
];
const HANDSHAKE_FIGURES: readonly FigureSpec[] = [
  ['handshake_bytes_down', 'down'],
  ['handshake_bytes_up', 'up'],
];
const WOULD_MEASURE_BYTES =
  'run the wire scenario (payload sizes × text/json/binary, exact socket byte counts): `npm run bench -- --scenario wire`';
const WOULD_MEASURE_BINARY = 'run the wire scenario with kind=binary payloads (WS binary frames vs SSE base64)';

/** The `wire` sweep when it ran, else `steady`, which records the same byte counts at one size. */
function selectBytePairs(doc: ResultsDocument): TransportPair[] {
  const scenario = scenarioStatus(doc, 'wire').kind === 'ran' ? 'wire' : 'steady';
  return pairTransports(cellsOf(doc, scenario)).filter(
    (pair) => metricSummary(pair.sse, BYTES_PER_MSG) && metricSummary(pair.ws, BYTES_PER_MSG),
  );
}

function selectBinaryPairs(doc: ResultsDocument): TransportPair[] {
  return pairTransports(cellsOf(doc, 'wire')).filter(
    (pair) => pair.sse.params['kind'] === 'binary' && pair.ws.params['kind'] === 'binary',
  );
}

function describeHandshake(cell: CellResult | undefined): string {
  return `handshake: ${describeFigures(cell, HANDSHAKE_FIGURES)}`;
}

/** `77 B/msg @ 16 B`: bytes per message at one payload size. */
function describeBytesAt(cell: CellResult, metric: string, unit: string): string {
  const payload = payloadBytesOf(cell);
  return `${formatMedian(cell, metric)}${unit}${payload === undefined ? '' : ` @ ${formatBytes(payload)}`}`;
}

/** The headline: bytes per message at the smallest payload, where overhead weighs most. */
function headlineBytes(pairs: readonly TransportPair[]): Headline | undefined {
  const pair = pairs[0];
  return pair === undefined
    ? undefined
    : { sse: describeBytesAt(pair.sse, BYTES_PER_MSG, '/msg'), ws: describeBytesAt(pair.ws, BYTES_PER_MSG, '/msg') };
}

/** The headline: efficiency (payload ÷ wire) at the largest binary payload, where base64's third shows. */
function headlineEfficiency(pairs: readonly TransportPair[]): Headline | undefined {
  const pair = pairs.at(-1);
  return pair === undefined
    ? undefined
    : {
        sse: describeBytesAt(pair.sse, 'efficiency_pct', ' payload'),
        ws: describeBytesAt(pair.ws, 'efficiency_pct', ' payload'),
      };
}

function describeByteFigures(
  pairs: readonly TransportPair[],
  specs: readonly FigureSpec[],
  headline: Headline | undefined,
): { sse: string[]; ws: string[]; headline?: Headline } {
  return {
    sse: [
      ...pairs.map((pair) => describeLabelledFigures(pair.label, pair.sse, specs)),
      describeHandshake(pairs[0]?.sse),
      ...describeLayers(pairs, SSE_FAMILY, specs),
    ],
    ws: [
      ...pairs.map((pair) => describeLabelledFigures(pair.label, pair.ws, specs)),
      describeHandshake(pairs[0]?.ws),
      ...describeLayers(pairs, WS_FAMILY, specs),
    ],
    ...(headline === undefined ? {} : { headline }),
  };
}

/** `WS 70 B vs SSE 95 B per message`. */
function describeByteCounts(pair: TransportPair): string {
  const format = (cell: CellResult): string => formatBytes(metricMedian(cell, BYTES_PER_MSG) ?? Number.NaN);
  return `WS ${format(pair.ws)} vs SSE ${format(pair.sse)} per message`;
}

/** Per-condition outcomes of "`side` sends fewer bytes per message". */
function compareBytes(
  doc: ResultsDocument,
  pairs: readonly TransportPair[],
  fewer: ComparedFamily,
): ConditionOutcome[] {
  return pairs.flatMap((pair) => {
    const comparison = compareMetric(doc.metricSpecs, pair.sse, pair.ws, BYTES_PER_MSG, 'lower');
    return comparison === undefined
      ? []
      : [{ label: pair.label, holds: comparison.winner === fewer, note: describeByteCounts(pair) }];
  });
}

function evaluateBytesClaim(doc: ResultsDocument, fewer: ComparedFamily): ClaimEvaluation {
  const pairs = selectBytePairs(doc);
  if (pairs.length === 0)
    return notMeasured(`neither wire nor steady recorded ${BYTES_PER_MSG} for both transports`, WOULD_MEASURE_BYTES);
  const evaluation = evaluationFromOutcomes(
    compareBytes(doc, pairs, fewer),
    describeByteFigures(pairs, BYTE_FIGURES, headlineBytes(pairs)),
  );
  return { ...evaluation, verdict: noteLayers(evaluation.verdict, pairs) };
}

/** SSE's own overhead per message: the recorded figure, else bytes on the wire minus the payload. */
function sseOverheadBytes(cell: CellResult): number | undefined {
  const recorded = metricMedian(cell, 'overhead_bytes_down_per_msg');
  if (recorded !== undefined) return recorded;
  const wire = metricMedian(cell, BYTES_PER_MSG);
  const payload = payloadBytesOf(cell);
  return wire !== undefined && payload !== undefined ? wire - payload : undefined;
}

/**
 * The claim gives a cause (HTTP headers on every message); the figures test it: the headers go
 * once, in the handshake, and what each event adds is its `id:`/`data:` framing.
 */
function describeSseOverheadCause(pairs: readonly TransportPair[]): string | undefined {
  const sample = pairs[0]?.sse;
  if (sample === undefined) return undefined;
  const overhead = sseOverheadBytes(sample);
  const handshake = metricMedian(sample, 'handshake_bytes_down');
  if (overhead === undefined || handshake === undefined) return undefined;
  return `cause: SSE sends its HTTP headers once (${formatBytes(handshake)} in the handshake); each event adds ${formatBytes(overhead)} of framing (${pairs[0]!.label})`;
}

export const WS_3_RULE: ClaimRule = {
  id: 'WS-3',
  claim: 'Less data on the wire: after the handshake, messages carry no HTTP headers.',
  title: 'WS sends fewer bytes',
  scenarios: ['wire', 'steady'],
  needs: 'any',
  ruleText:
    'Supported if WS sends fewer socket bytes per message server→client than SSE at every payload size and kind run (socket counts: any difference beyond the spread across repeats counts, no 5% floor); refuted if at none; depends otherwise. Uses wire, else steady. Handshake bytes are shown, not judged.',
  wouldMeasure: WOULD_MEASURE_BYTES,
  evaluate: (doc) => evaluateBytesClaim(doc, WS_FAMILY),
};

export const SSE_6_RULE: ClaimRule = {
  id: 'SSE-6',
  claim: 'Con: more data on the wire, because each message carries HTTP headers.',
  title: 'SSE sends more bytes',
  scenarios: ['wire', 'steady'],
  needs: 'any',
  ruleText:
    "Supported if SSE sends more socket bytes per message server→client than WS at every payload size and kind run (socket counts, beyond the spread across repeats); refuted if at none; depends otherwise. The stated cause is checked separately: SSE's per-event overhead is shown beside its one-time HTTP headers.",
  wouldMeasure: WOULD_MEASURE_BYTES,
  evaluate: (doc) => {
    const evaluation = evaluateBytesClaim(doc, WS_FAMILY);
    return {
      ...evaluation,
      verdict: appendToVerdict(evaluation.verdict, describeSseOverheadCause(selectBytePairs(doc))),
    };
  },
};

export const WS_4_RULE: ClaimRule = {
  id: 'WS-4',
  claim: 'Carries complex data: JSON and binary bytes.',
  title: 'WS carries binary',
  scenarios: ['wire'],
  needs: 'all',
  ruleText:
    "Supported if WS delivered binary payloads intact (no failed repeat, no lost or corrupted message) in fewer bytes per message than SSE's base64 at every binary payload size run; refuted if at none; depends otherwise. Client CPU per message is shown.",
  wouldMeasure: WOULD_MEASURE_BINARY,
  evaluate: (doc) => {
    const pairs = selectBinaryPairs(doc);
    if (pairs.length === 0)
      return notMeasured('wire ran without kind=binary payloads for both transports', WOULD_MEASURE_BINARY);
    const outcomes = compareBytes(doc, pairs, WS_FAMILY).map((outcome, index) => {
      const intact = deliveredIntact(pairs[index]!.ws);
      return {
        ...outcome,
        holds: outcome.holds && intact,
        note: intact ? outcome.note : `WS lost or corrupted messages; ${outcome.note}`,
      };
    });
    return evaluationFromOutcomes(outcomes, describeByteFigures(pairs, BINARY_FIGURES, headlineEfficiency(pairs)));
  },
};

export const SSE_7_RULE: ClaimRule = {
  id: 'SSE-7',
  claim: 'Con: text only; cannot carry complex (binary) data.',
  title: 'SSE cannot carry binary',
  scenarios: ['wire'],
  needs: 'all',
  ruleText:
    'Supported if SSE failed to deliver binary payloads intact (a failed repeat, lost or corrupted messages) at every binary size run; refuted if it delivered them intact in no more bytes than WS; depends otherwise (intact, but only as base64 at a byte cost, which the verdict states).',
  wouldMeasure: WOULD_MEASURE_BINARY,
  evaluate: (doc) => {
    const pairs = selectBinaryPairs(doc);
    if (pairs.length === 0)
      return notMeasured('wire ran without kind=binary payloads for both transports', WOULD_MEASURE_BINARY);
    return evaluateSseBinary(doc, pairs);
  },
};

function evaluateSseBinary(doc: ResultsDocument, pairs: readonly TransportPair[]): ClaimEvaluation {
  const figures = describeByteFigures(pairs, BINARY_FIGURES, headlineEfficiency(pairs));
  const failed = pairs.filter((pair) => !deliveredIntact(pair.sse));
  if (failed.length === pairs.length) {
    return {
      ...figures,
      verdict: {
        kind: 'supported',
        detail: `SSE lost or corrupted binary payloads at ${failed.map((pair) => pair.label).join(', ')}`,
      },
    };
  }
  const costlier = compareBytes(doc, pairs, WS_FAMILY).filter((outcome) => outcome.holds);
  if (failed.length === 0 && costlier.length === 0) {
    return {
      ...figures,
      verdict: { kind: 'refuted', detail: 'SSE delivered every binary size intact in no more bytes than WS' },
    };
  }
  const failures = failed.length > 0 ? `; failed at ${failed.map((pair) => pair.label).join(', ')}` : '';
  const costs = costlier.map((outcome) => `${outcome.label}: ${outcome.note}`).join('; ');
  return {
    ...figures,
    verdict: {
      kind: 'depends',
      condition: `on what "cannot carry" means: SSE is text-only, so binary travels as base64${failures}; the byte cost: ${costs}`,
    },
  };
}
