/**
 * WS-8 (you must handle connecting, disconnecting and heartbeats yourself) and SSE-1 (a simple
 * API) from `client-impl`: the lines of code each of the harness's reconnecting Node clients
 * needed for the same behaviour (reconnect, resume, notice a half-open connection), with the
 * half-open detection times of `reconnect-half-open` and the recoveries of every `reconnect-*`
 * fault beside them. What a browser gives each transport for free is stated as context, read from
 * the scenario's cell parameters: no browser page measures reconnection here.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { formatCount } from '../format.js';
import { metricMedian, primaryCell, ranCellsOf, onPlainTransport } from '../results-query.js';
import { relativeDifferencePct } from './compare.js';
import { describeFaultCell, describeRecoveries } from './fault-cells.js';
import { formatMedian } from './figures.js';
import { appendToVerdict, notMeasured, type ClaimEvaluation, type ClaimRule, type Verdict } from './rule.js';

/**
 * Two hand-written clients differ by style as much as by need: one counts as needing more code
 * only when it needs at least this much more, in percent of the smaller total.
 */
export const CLEARLY_MORE_CODE_PCT = 20;
const TOTAL_LINES = 'client_impl_loc';
const OWN_LINES = 'client_impl_own_loc';
const WOULD_MEASURE_IMPL =
  'run the client-impl scenario (lines of code each reconnecting client needs to reconnect, resume and notice a half-open connection): `npm run bench -- --scenario client-impl,reconnect-half-open`';

/** One client's code, as client-impl counted it. */
interface ClientCode {
  cell: CellResult;
  totalLines: number;
  ownLines: number | undefined;
}

function readClientCode(cells: readonly CellResult[], family: ComparedFamily): ClientCode | undefined {
  const cell = primaryCell(cells, family);
  const totalLines = metricMedian(cell, TOTAL_LINES);
  if (cell === undefined || totalLines === undefined) return undefined;
  return { cell, totalLines, ownLines: metricMedian(cell, OWN_LINES) };
}

/** `211 lines (52 its own, 159 shared)`. */
function describeLines(code: ClientCode): string {
  if (code.ownLines === undefined) return `${formatCount(code.totalLines)} lines`;
  return `${formatCount(code.totalLines)} lines (${formatCount(code.ownLines)} its own, ${formatCount(code.totalLines - code.ownLines)} shared)`;
}

/** The behaviour named in the cell's `implements` list that contains `words`, if any. */
function findBehaviour(cell: CellResult, words: string): string | undefined {
  const list = cell.params['implements'];
  return typeof list === 'string' ? list.split('; ').find((behaviour) => behaviour.includes(words)) : undefined;
}

function describeHalfOpen(doc: ResultsDocument, family: ComparedFamily): string[] {
  return ranCellsOf(doc, 'reconnect-half-open')
    .filter((cell) => onPlainTransport(cell, family))
    .map((cell) => `${describeFaultCell(cell)}: noticed after ${formatMedian(cell, 'detect_p50_ms')} (p50)`);
}

function describeClient(doc: ResultsDocument, code: ClientCode | undefined, family: ComparedFamily): string[] {
  if (code === undefined) return [];
  const features = metricMedian(code.cell, 'client_impl_features_count');
  const browser = code.cell.params['browser'];
  const recoveries = describeRecoveries(ranCellsOf(doc, 'reconnect-*'), family);
  return [
    `client-impl (Node): ${describeLines(code)}${features === undefined ? '' : `, ${formatCount(features)} behaviours`}`,
    ...describeHalfOpen(doc, family),
    ...(recoveries === undefined ? [] : [`reconnect-*: ${recoveries}`]),
    ...(typeof browser === 'string' ? [`in a browser (not measured here): ${browser}`] : []),
  ];
}

/** Which client needed clearly more code, by CLEARLY_MORE_CODE_PCT of the smaller total. */
type CodeSize = 'ws-more' | 'sse-more' | 'about-the-same';

function compareCodeSize(sse: ClientCode, ws: ClientCode): CodeSize {
  const differencePct = relativeDifferencePct(
    Math.min(sse.totalLines, ws.totalLines),
    Math.max(sse.totalLines, ws.totalLines),
  );
  if (differencePct < CLEARLY_MORE_CODE_PCT) return 'about-the-same';
  return ws.totalLines > sse.totalLines ? 'ws-more' : 'sse-more';
}

/** `WS 202 lines (43 its own, 159 shared) vs SSE 211 lines (52 its own, 159 shared)`. */
function describeBoth(sse: ClientCode, ws: ClientCode, first: ComparedFamily): string {
  const [a, b] =
    first === WS_FAMILY
      ? [`WS ${describeLines(ws)}`, `SSE ${describeLines(sse)}`]
      : [`SSE ${describeLines(sse)}`, `WS ${describeLines(ws)}`];
  return `${a} vs ${b}`;
}

/** Both clients needed a heartbeat-fed idle timeout to notice a half-open connection: say so, with the times. */
function describeHalfOpenNeed(doc: ResultsDocument, sse: ClientCode, ws: ClientCode): string | undefined {
  const sseTimeout = findBehaviour(sse.cell, 'idle timeout');
  const wsTimeout = findBehaviour(ws.cell, 'idle timeout');
  if (sseTimeout === undefined || wsTimeout === undefined) return undefined;
  const detect = (family: ComparedFamily): string => {
    const cell = ranCellsOf(doc, 'reconnect-half-open').find((c) => onPlainTransport(c, family));
    return cell === undefined ? '' : `, noticed after ${formatMedian(cell, 'detect_p50_ms')}`;
  };
  return `both needed an idle timeout fed by heartbeats to notice a half-open connection (SSE: ${sseTimeout}${detect(SSE_FAMILY)}; WS: ${wsTimeout}${detect(WS_FAMILY)})`;
}

function describeBrowserContext(sse: ClientCode, ws: ClientCode): string | undefined {
  const sseBrowser = sse.cell.params['browser'];
  const wsBrowser = ws.cell.params['browser'];
  if (typeof sseBrowser !== 'string' || typeof wsBrowser !== 'string') return undefined;
  return `in a browser (not measured here): ${sseBrowser}; ${wsBrowser}`;
}

/** The half-open need and the browser's built-ins, appended to whichever verdict the counts give. */
function describeContext(doc: ResultsDocument, sse: ClientCode, ws: ClientCode): string | undefined {
  const notes = [describeHalfOpenNeed(doc, sse, ws), describeBrowserContext(sse, ws)].filter(
    (note) => note !== undefined,
  );
  return notes.length === 0 ? undefined : notes.join('; ');
}

type Decision = (sse: ClientCode, ws: ClientCode, size: CodeSize) => Verdict;

function evaluateWith(doc: ResultsDocument, decide: Decision): ClaimEvaluation {
  const cells = ranCellsOf(doc, 'client-impl');
  const sse = readClientCode(cells, SSE_FAMILY);
  const ws = readClientCode(cells, WS_FAMILY);
  const figures = { sse: describeClient(doc, sse, SSE_FAMILY), ws: describeClient(doc, ws, WS_FAMILY) };
  if (sse === undefined || ws === undefined)
    return notMeasured(`client-impl recorded no ${TOTAL_LINES} for both transports`, WOULD_MEASURE_IMPL, figures);
  const headline = { sse: `${formatCount(sse.totalLines)} lines`, ws: `${formatCount(ws.totalLines)} lines` };
  return {
    ...figures,
    headline,
    verdict: appendToVerdict(decide(sse, ws, compareCodeSize(sse, ws)), describeContext(doc, sse, ws)),
  };
}

function decideWsComplexity(sse: ClientCode, ws: ClientCode, size: CodeSize): Verdict {
  const both = describeBoth(sse, ws, WS_FAMILY);
  switch (size) {
    case 'ws-more':
      return { kind: 'supported', detail: `the WS client needed clearly more code for the same behaviour: ${both}` };
    case 'sse-more':
      return {
        kind: 'refuted',
        detail: `the WS client needed clearly less code than the SSE client for the same behaviour: ${both}`,
      };
    case 'about-the-same':
      return {
        kind: 'depends',
        condition: `on the client: in Node the WS client needed about as much code as the SSE client, which had to handle connecting, disconnecting and heartbeats by hand just the same: ${both}`,
      };
  }
}

function decideSseSimplicity(sse: ClientCode, ws: ClientCode, size: CodeSize): Verdict {
  const both = describeBoth(sse, ws, SSE_FAMILY);
  switch (size) {
    case 'ws-more':
      return { kind: 'supported', detail: `the SSE client needed clearly less code for the same behaviour: ${both}` };
    case 'sse-more':
      return {
        kind: 'refuted',
        detail: `the SSE client needed clearly more code than the WS client for the same behaviour: ${both}`,
      };
    case 'about-the-same':
      return {
        kind: 'depends',
        condition: `on the client: in Node the SSE client needed about as much code as the WS client (the protocol defines reconnection, retry: and Last-Event-ID, but a Node client still writes them): ${both}`,
      };
  }
}

const SIZE_RULE = `client_impl_loc (exact; the transport's own file plus the loop both share) compared between the SSE and WS clients; one needs "clearly more" code when it needs at least ${CLEARLY_MORE_CODE_PCT}% more lines, since two hand-written clients differ by style as much as by need.`;
const CONTEXT_RULE =
  'Shown beside it: half-open detection (reconnect-half-open detect_p50_ms), recoveries in the reconnect-* faults, and, as context not measured here, what a browser page gets built in (EventSource: reconnect and Last-Event-ID; WebSocket: nothing).';

export const WS_8_RULE: ClaimRule = {
  id: 'WS-8',
  claim: 'Con: the protocol is complex; you must handle connecting, disconnecting and heartbeats yourself.',
  title: 'WS is complex to handle',
  scenarios: ['client-impl'],
  needs: 'all',
  contextScenarios: ['reconnect-*'],
  ruleText: `${SIZE_RULE} Supported if the WS client needed clearly more than the SSE client for the same behaviour (connect, reconnect with resume, notice a half-open connection); refuted if clearly less; depends (on the client) if about as much, because then SSE needed the same hand-written handling in Node. ${CONTEXT_RULE}`,
  wouldMeasure: WOULD_MEASURE_IMPL,
  evaluate: (doc) => evaluateWith(doc, decideWsComplexity),
};

export const SSE_1_RULE: ClaimRule = {
  id: 'SSE-1',
  claim: 'Simple: the API is easy to use and understand.',
  title: 'SSE is simple',
  scenarios: ['client-impl'],
  needs: 'all',
  contextScenarios: ['reconnect-*'],
  ruleText: `${SIZE_RULE} Supported if the SSE client needed clearly less than the WS client for the same behaviour; refuted if clearly more; depends (on the client) if about as much. ${CONTEXT_RULE}`,
  wouldMeasure: WOULD_MEASURE_IMPL,
  evaluate: (doc) => evaluateWith(doc, decideSseSimplicity),
};
