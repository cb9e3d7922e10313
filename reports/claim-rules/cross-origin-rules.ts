/**
 * WS-6 (cross-origin works natively; the author heard of cross-origin problems but could not
 * reproduce them) from the `browser` scenario: a page in headless Chromium, served from one
 * origin, opens WebSocket and EventSource to servers on another, with and without the server's
 * CORS header and Origin check. Each cell records `client_works` (1: the page got the stream).
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { cellsOf, findVariant, onPlainTransport } from '../results-query.js';
import { appendFigures, type FigureSpec } from './figures.js';
import { judgeDelivery, type DeliveryOutcome } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const WORKS = 'client_works';
const PAGE_FIGURES: readonly FigureSpec[] = [
  ['page_errors_count', 'page errors'],
  ['latency_above_min_p50_us', 'p50 above fastest'],
];
const WOULD_MEASURE =
  'run the browser scenario (headless Chromium; `npm run bench -- --scenario browser`): a page on one origin opening WS and EventSource to another, with and without CORS headers and an Origin check';

/** The browser cells the verdict reads, by what each one tests. */
export const CROSS_ORIGIN_VARIANTS = {
  /** WS from another origin, the server checking nothing. */
  wsOpen: 'ws-cross-origin',
  /** WS from another origin to a server that lets in one other origin only. */
  wsOriginChecked: 'ws-cross-origin-origin-checked',
  /** EventSource from another origin, no Access-Control-Allow-Origin. */
  sseNoCors: 'sse-cross-origin-no-cors',
  /** EventSource from another origin, Access-Control-Allow-Origin sent. */
  sseCors: 'sse-cross-origin-cors',
} as const;

type CrossOriginCase = keyof typeof CROSS_ORIGIN_VARIANTS;

function judgeCase(doc: ResultsDocument, which: CrossOriginCase): DeliveryOutcome {
  const cell = findVariant(cellsOf(doc, 'browser'), CROSS_ORIGIN_VARIANTS[which]);
  return cell === undefined ? { kind: 'unknown', note: 'not run' } : judgeDelivery(cell, WORKS);
}

/** Where a cross-origin SSE problem shows: blocked without the CORS header, working with it. */
function describeSseProblem(noCors: DeliveryOutcome, cors: DeliveryOutcome): string | undefined {
  if (noCors.kind === 'unknown') return undefined;
  const withHeader = cors.kind === 'unknown' ? '' : `; with it: ${cors.note}`;
  if (noCors.kind === 'blocked') {
    return `EventSource from the same page was blocked until the server sent Access-Control-Allow-Origin (without it: ${noCors.note}${withHeader}): the cross-origin problems are SSE's (CORS), not WS's`;
  }
  return `EventSource without Access-Control-Allow-Origin: ${noCors.note}${withHeader}`;
}

/** WS's other side: no browser check at all, so the server's Origin check is the only gate. */
function describeOriginCheck(checked: DeliveryOutcome): string | undefined {
  if (checked.kind === 'unknown') return undefined;
  if (checked.kind === 'blocked')
    return `the flip side: any page may connect, and only the server's Origin check kept the foreign page out (${CROSS_ORIGIN_VARIANTS.wsOriginChecked}: ${checked.note})`;
  return `the server's Origin check did NOT keep the foreign page out (${CROSS_ORIGIN_VARIANTS.wsOriginChecked}: ${checked.note})`;
}

/** `blocked without CORS`, or what happened to EventSource without the header. */
function describeSseHeadline(noCors: DeliveryOutcome): string {
  if (noCors.kind === 'blocked') return 'blocked without CORS';
  return noCors.kind === 'works' ? 'works, no CORS' : noCors.kind;
}

function describePageCell(cell: CellResult): string {
  return appendFigures(`${cell.variant}: ${judgeDelivery(cell, WORKS).note}`, cell, PAGE_FIGURES);
}

function evaluateCrossOrigin(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'browser');
  const figures = {
    sse: cells.filter((cell) => onPlainTransport(cell, SSE_FAMILY)).map(describePageCell),
    ws: cells.filter((cell) => onPlainTransport(cell, WS_FAMILY)).map(describePageCell),
  };
  const wsOpen = judgeCase(doc, 'wsOpen');
  if (wsOpen.kind === 'unknown')
    return notMeasured(
      `browser has no ${CROSS_ORIGIN_VARIANTS.wsOpen} cell recording ${WORKS}`,
      WOULD_MEASURE,
      figures,
    );
  const context = [
    describeSseProblem(judgeCase(doc, 'sseNoCors'), judgeCase(doc, 'sseCors')),
    describeOriginCheck(judgeCase(doc, 'wsOriginChecked')),
  ]
    .filter((part) => part !== undefined)
    .join('; ');
  const suffix = context === '' ? '' : ` — ${context}`;
  const headline = {
    sse: describeSseHeadline(judgeCase(doc, 'sseNoCors')),
    ws: wsOpen.kind === 'works' ? 'works, no CORS' : wsOpen.kind,
  };
  if (wsOpen.kind === 'works') {
    return {
      ...figures,
      headline,
      verdict: {
        kind: 'supported',
        detail: `a page on another origin opened WS and got its whole stream with no server support (${wsOpen.note})${suffix}`,
      },
    };
  }
  return {
    ...figures,
    headline,
    verdict: {
      kind: 'refuted',
      detail: `a page on another origin did not get its WS stream (${wsOpen.note})${suffix}`,
    },
  };
}

export const WS_6_RULE: ClaimRule = {
  id: 'WS-6',
  claim: 'Cross-origin works natively (the author heard of cross-origin problems but could not reproduce them).',
  title: 'WS cross-origin works',
  scenarios: ['browser'],
  needs: 'all',
  ruleText: `Supported if a page in headless Chromium opened WS to another origin, with no CORS header or Origin check on the server, and got its whole stream in every repeat (${CROSS_ORIGIN_VARIANTS.wsOpen}: client_works = 1, nothing lost); refuted otherwise. Stated beside it, from the same page: whether EventSource was blocked without Access-Control-Allow-Origin and worked with it (where cross-origin problems come from), and whether the server's Origin check refused the page (what keeps cross-origin WS safe).`,
  wouldMeasure: WOULD_MEASURE,
  evaluate: evaluateCrossOrigin,
};
