/**
 * SSE-3 (plain HTTP works with existing infrastructure) from `proxy-nginx`, and OBS-2 (a dev proxy
 * buffers the stream; nginx in front fixes it) from `proxy-buffering`. Every proxy cell measures
 * the same server straight and through its proxy, one after the other, and records `works` (1/0:
 * the stream got through) and `first_event_ratio_vs_direct` (time to the first event, or token,
 * through the proxy ÷ direct), so a proxy that holds a stream back shows as a ratio above 1 within
 * one cell. Cell params name the proxy (`proxy`: nginx-default, nginx-tuned, dev-proxy), and `front:
 * tls-h2` marks a cell behind nginx's TLS + HTTP/2 front (the client on a TLS transport, nginx on plain
 * HTTP/1.1 to the server). Cells are told apart by their transport's family, never its name.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { TRANSPORTS } from '../../transports/registry.js';
import type { TransportFamily } from '../../transports/transport.js';
import { formatRatio } from '../format.js';
import { cellsOf, metricMedian, onPlainTransport } from '../results-query.js';
import { evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { appendFigures, describeHeadlineCount, type FigureSpec } from './figures.js';
import { judgeDelivery } from './integrity.js';
import { appendToEvaluation, notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const WORKS = 'works';
const FIRST_EVENT_RATIO = 'first_event_ratio_vs_direct';
/** A first event this many times later than direct, same cell, means the proxy held the stream back. */
export const HELD_BACK_RATIO = 2;
/** ... and this many times later means it arrived in one piece at the end (the seed's symptom). */
export const BUFFERED_TO_END_RATIO = 10;
const NGINX_FIGURES: readonly FigureSpec[] = [
  [FIRST_EVENT_RATIO, 'first event ÷ direct'],
  ['proxy_added_latency_p50_us', 'added p50'],
];
const LLM_FIGURES: readonly FigureSpec[] = [
  [FIRST_EVENT_RATIO, 'first token ÷ direct'],
  ['ttft_p50_us', 'TTFT p50'],
  ['direct_ttft_p50_us', 'direct'],
  ['itl_p50_us', 'ITL p50'],
];
const WOULD_MEASURE_NGINX =
  'run the proxy-nginx scenario (needs nginx): both transports through nginx with its default and a tuned configuration';
const WOULD_MEASURE_BUFFERING =
  'run the proxy-buffering scenario: the LLM answer through a buffering dev-proxy model and through nginx (default, with and without X-Accel-Buffering, and tuned)';

function proxyOf(cell: CellResult): string {
  return String(cell.params['proxy'] ?? 'unknown proxy');
}

function isFamily(cell: CellResult, family: TransportFamily): boolean {
  return TRANSPORTS.find((t) => t.name === cell.transport)?.family === family;
}

/** Behind nginx's TLS + HTTP/2 front (params.front = tls-h2), not its plain HTTP/1.1 one. */
function isTlsFront(cell: CellResult): boolean {
  return cell.params['front'] === 'tls-h2';
}

/** `, TLS + HTTP/2 front` for a cell behind it. */
function describeFront(cell: CellResult): string {
  return isTlsFront(cell) ? ', TLS + HTTP/2 front' : '';
}

/** What the front's access log says the client spoke: ` · client on HTTP/2 (ALPN h2)`, or HTTP/1.1 + TLS. */
function describeNegotiated(cell: CellResult): string {
  const h2 = metricMedian(cell, 'front_h2_requests') ?? 0;
  const http1 = metricMedian(cell, 'front_http1_requests') ?? 0;
  if (!isTlsFront(cell) || h2 + http1 === 0) return '';
  if (http1 === 0) return ' · client on HTTP/2 (ALPN h2)';
  return h2 === 0 ? ' · client on HTTP/1.1 + TLS' : ` · client on HTTP/2 ×${h2}, HTTP/1.1 + TLS ×${http1}`;
}

/** `, server sent no X-Accel-Buffering: no` when the cell's server left out the hint that stops nginx buffering. */
function describeAccelHeader(cell: CellResult): string {
  return cell.config.server['accelBufferingHeader'] === false ? ', server sent no X-Accel-Buffering: no' : '';
}

/** `sse-default (nginx-default)`, `sse-default-no-accel-header (nginx-default, server sent no X-Accel-Buffering: no)`. */
function labelOf(cell: CellResult): string {
  return `${cell.variant} (${proxyOf(cell)}${describeFront(cell)}${describeAccelHeader(cell)})`;
}

/** The proxy's own answer when it refused the stream (the runner words it `through <proxy>: …`). */
function findRefusal(cell: CellResult): string | undefined {
  const prefix = `through ${proxyOf(cell)}: `;
  return cell.warnings.find((warning) => warning.startsWith(prefix))?.slice(prefix.length);
}

/** What got through: the delivery note, or the proxy's refusal in its own words. */
function describeDelivery(cell: CellResult): string {
  const delivery = judgeDelivery(cell, WORKS);
  const refusal = delivery.kind === 'blocked' ? findRefusal(cell) : undefined;
  return refusal === undefined ? delivery.note : `refused: ${refusal}`;
}

/** `sse-default: works, nothing lost · first event ÷ direct 0.82× · added p50 196 µs`. */
function describeProxyCell(cell: CellResult, specs: readonly FigureSpec[]): string {
  return `${appendFigures(`${cell.variant}: ${describeDelivery(cell)}`, cell, specs)}${describeNegotiated(cell)}`;
}

/** Each family's cells, plain front first and the TLS + HTTP/2 front after, so the two read side by side. */
function describeProxyCells(
  cells: readonly CellResult[],
  specs: readonly FigureSpec[],
): { sse: string[]; ws: string[] } {
  const ordered = [...cells.filter((cell) => !isTlsFront(cell)), ...cells.filter(isTlsFront)];
  return {
    sse: ordered.filter((cell) => isFamily(cell, SSE_FAMILY)).map((cell) => describeProxyCell(cell, specs)),
    ws: ordered.filter((cell) => isFamily(cell, WS_FAMILY)).map((cell) => describeProxyCell(cell, specs)),
  };
}

/** Through the proxy in time: delivered everything, first event less than HELD_BACK_RATIO× direct. */
function judgeStreaming(cell: CellResult): ConditionOutcome {
  const delivery = judgeDelivery(cell, WORKS);
  const ratio = metricMedian(cell, FIRST_EVENT_RATIO);
  if (delivery.kind !== 'works') return { label: labelOf(cell), holds: false, note: describeDelivery(cell) };
  if (ratio === undefined)
    return { label: labelOf(cell), holds: true, note: `${delivery.note} (no ${FIRST_EVENT_RATIO} recorded)` };
  const timing = `first event ${formatRatio(ratio)} direct`;
  return ratio < HELD_BACK_RATIO
    ? { label: labelOf(cell), holds: true, note: `streamed, ${timing}` }
    : { label: labelOf(cell), holds: false, note: `delivered, but held back: ${timing}` };
}

/** WS through the same proxies: what "plain HTTP" is being compared with. */
function describeWsThroughProxies(wsCells: readonly CellResult[]): string | undefined {
  if (wsCells.length === 0) return undefined;
  const list = wsCells
    .map(judgeStreaming)
    .map((outcome) => `${outcome.label}: ${outcome.note}`)
    .join('; ');
  return `WS through the same proxies: ${list}${describeUpgradeHint(wsCells)}${describeNoWsOverH2(wsCells)}`;
}

/** Said when a WS cell behind the TLS front found no RFC 8441 in nginx's HTTP/2 SETTINGS (front_ws_over_h2 = 0). */
function describeNoWsOverH2(wsCells: readonly CellResult[]): string {
  const measured = wsCells.filter((cell) => isTlsFront(cell) && metricMedian(cell, 'front_ws_over_h2') === 0);
  return measured.length === 0
    ? ''
    : '; nginx offers no WebSocket over HTTP/2 (RFC 8441), so behind its TLS + HTTP/2 front WS upgrades over HTTP/1.1 + TLS';
}

/** Why WS failed through a default nginx, said only when the cells show it: refused there, through elsewhere. */
function describeUpgradeHint(wsCells: readonly CellResult[]): string {
  const refusedByDefault = wsCells.some(
    (cell) => proxyOf(cell) === 'nginx-default' && judgeDelivery(cell, WORKS).kind === 'blocked',
  );
  const through = wsCells
    .filter((cell) => proxyOf(cell) !== 'nginx-default' && judgeDelivery(cell, WORKS).kind === 'works')
    .map(proxyOf);
  if (!refusedByDefault) return '';
  const configured = through.length === 0 ? '' : `, as ${[...new Set(through)].join(', ')} does`;
  return ` (a default nginx does not forward the Upgrade and Connection headers, so the upgrade is refused; WS needs them configured${configured})`;
}

/** `2/3 proxies stream`: the cells whose stream got through intact and in time. */
function describeStreamedThrough(cells: readonly CellResult[]): string {
  return describeHeadlineCount(
    cells.filter((cell) => judgeStreaming(cell).holds).length,
    cells.length,
    'proxies stream',
  );
}

/**
 * The claim is about plain HTTP, so the verdict rests on the plain front's SSE cells when any ran;
 * the TLS + HTTP/2 front's are judged the same way and stated beside it (or carry the verdict, saying
 * so, when only they ran).
 */
function evaluateInfrastructure(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'proxy-nginx').filter((cell) => judgeDelivery(cell, WORKS).kind !== 'unknown');
  const figures = describeProxyCells(cellsOf(doc, 'proxy-nginx'), NGINX_FIGURES);
  const sseCells = cells.filter((cell) => isFamily(cell, SSE_FAMILY));
  if (sseCells.length === 0)
    return notMeasured(
      `proxy-nginx recorded no ${WORKS} for SSE (is nginx installed? see the cells' warnings)`,
      WOULD_MEASURE_NGINX,
      figures,
    );
  const plain = sseCells.filter((cell) => !isTlsFront(cell));
  const basis = plain.length > 0 ? plain : sseCells;
  const wsCells = cells.filter((cell) => isFamily(cell, WS_FAMILY));
  const onBasisFront = (cell: CellResult): boolean => isTlsFront(cell) === (plain.length === 0);
  const headline = { sse: describeStreamedThrough(basis), ws: describeStreamedThrough(wsCells.filter(onBasisFront)) };
  const evaluation = evaluationFromOutcomes(basis.map(judgeStreaming), { ...figures, headline });
  const withBasis = appendToEvaluation(evaluation, describeBasis(plain.length > 0, sseCells.filter(isTlsFront)));
  return appendToEvaluation(withBasis, describeWsThroughProxies(wsCells));
}

/**
 * Which front the verdict rests on, and how SSE fared through the TLS + HTTP/2 front beside it;
 * nothing when that front did not run (the default selection: the verdict is today's, unchanged).
 */
function describeBasis(restsOnPlain: boolean, tlsFrontCells: readonly CellResult[]): string | undefined {
  if (!restsOnPlain) return "Verdict rests on nginx's TLS + HTTP/2 front (no plain HTTP/1.1 cell ran)";
  if (tlsFrontCells.length === 0) return undefined;
  const list = tlsFrontCells
    .map(judgeStreaming)
    .map((outcome) => `${outcome.label}: ${outcome.note}`)
    .join('; ');
  return `Verdict rests on nginx's plain HTTP/1.1 front; through its TLS + HTTP/2 front: ${list}`;
}

export const SSE_3_RULE: ClaimRule = {
  id: 'SSE-3',
  claim: 'Plain HTTP: works with existing HTTP infrastructure such as load balancers and caches.',
  title: 'SSE works through proxies',
  scenarios: ['proxy-nginx'],
  needs: 'all',
  ruleText: `Through a real nginx standing for the HTTP infrastructure (a reverse proxy / load balancer; caches are not measured), per configuration run (default; default with a server that omits X-Accel-Buffering: no; tuned for streams): SSE holds if the stream got through intact in every repeat (works = 1, nothing lost) and its first event arrived less than ${HELD_BACK_RATIO}× as late as straight to the server, same cell. Supported if it held in every configuration; refuted if in none; depends otherwise (the verdict names them). WS through the same configurations is stated beside it, judged the same way.`,
  wouldMeasure: WOULD_MEASURE_NGINX,
  evaluate: evaluateInfrastructure,
};

/** `sse-nginx-tuned (nginx-tuned): first token 1.08× direct`. */
function describeRatio(cell: CellResult): string {
  return `${labelOf(cell)}: first token ${formatRatio(metricMedian(cell, FIRST_EVENT_RATIO))} direct`;
}

function withRatio(cells: readonly CellResult[]): CellResult[] {
  return cells.filter((cell) => metricMedian(cell, FIRST_EVENT_RATIO) !== undefined);
}

/** Fixed by nginx: every token got through intact and the first less than HELD_BACK_RATIO× late. */
function isStreamedThrough(cell: CellResult): boolean {
  return (
    judgeDelivery(cell, WORKS).kind === 'works' &&
    (metricMedian(cell, FIRST_EVENT_RATIO) ?? Number.POSITIVE_INFINITY) < HELD_BACK_RATIO
  );
}

/** The verdict once the dev proxy is known to hold the answer back: which nginx set-ups undo it. */
function judgeNginxFix(
  devProxy: readonly CellResult[],
  nginx: readonly CellResult[],
  figures: { sse: string[]; ws: string[] },
): ClaimEvaluation {
  const symptom = `the dev proxy held the answer back (${devProxy.map(describeRatio).join('; ')})`;
  const fixed = nginx.filter(isStreamedThrough);
  const notFixed = nginx.filter((cell) => !isStreamedThrough(cell));
  const list = (cells: readonly CellResult[]): string => cells.map(describeRatio).join('; ');
  if (notFixed.length === 0)
    return {
      ...figures,
      verdict: {
        kind: 'supported',
        detail: `${symptom}; nginx streamed it in every configuration run: ${list(fixed)}`,
      },
    };
  if (fixed.length === 0)
    return {
      ...figures,
      verdict: {
        kind: 'refuted',
        detail: `${symptom}, and so did nginx in every configuration run: ${list(notFixed)}`,
      },
    };
  return {
    ...figures,
    verdict: {
      kind: 'depends',
      condition: `on nginx's configuration: ${symptom}; nginx fixed it as ${list(fixed)} — not as ${list(notFixed)}`,
    },
  };
}

/** WS through the dev proxy, for contrast: an upgraded connection is piped, not buffered. */
function describeWsContrast(wsCells: readonly CellResult[]): string | undefined {
  const devProxy = withRatio(wsCells).filter((cell) => proxyOf(cell) === 'dev-proxy');
  return devProxy.length === 0 ? undefined : `WS through the same dev proxy: ${devProxy.map(describeRatio).join('; ')}`;
}

/** `first token 45.15× direct`: first token through the dev proxy ÷ straight to the server. */
function describeDevProxyHeadline(cells: readonly CellResult[]): string {
  const cell = withRatio(cells).find((c) => proxyOf(c) === 'dev-proxy');
  return cell === undefined ? 'n/a' : `first token ${formatRatio(metricMedian(cell, FIRST_EVENT_RATIO))} direct`;
}

function evaluateDevProxyBuffering(doc: ResultsDocument): ClaimEvaluation {
  const cells = cellsOf(doc, 'proxy-buffering');
  const onPlain = (family: ComparedFamily): CellResult[] => cells.filter((cell) => onPlainTransport(cell, family));
  const figures = {
    ...describeProxyCells(cells, LLM_FIGURES),
    headline: { sse: describeDevProxyHeadline(onPlain(SSE_FAMILY)), ws: describeDevProxyHeadline(onPlain(WS_FAMILY)) },
  };
  const sseCells = withRatio(cells.filter((cell) => onPlainTransport(cell, SSE_FAMILY)));
  const devProxy = sseCells.filter((cell) => proxyOf(cell) === 'dev-proxy');
  const nginx = sseCells.filter((cell) => proxyOf(cell).startsWith('nginx'));
  if (devProxy.length === 0)
    return notMeasured(
      `proxy-buffering has no SSE cell through the dev proxy recording ${FIRST_EVENT_RATIO}`,
      WOULD_MEASURE_BUFFERING,
      figures,
    );
  const bufferedToEnd = devProxy.every((cell) => (metricMedian(cell, FIRST_EVENT_RATIO) ?? 0) >= BUFFERED_TO_END_RATIO);
  if (!bufferedToEnd)
    return {
      ...figures,
      verdict: {
        kind: 'refuted',
        detail: `the dev proxy did not hold the answer to the end (${devProxy.map(describeRatio).join('; ')})`,
      },
    };
  if (nginx.length === 0)
    return notMeasured(
      `proxy-buffering has no SSE cell through nginx recording ${FIRST_EVENT_RATIO} (is nginx installed? see the cells' warnings)`,
      WOULD_MEASURE_BUFFERING,
      figures,
    );
  return appendToEvaluation(
    judgeNginxFix(devProxy, nginx, figures),
    describeWsContrast(cells.filter((cell) => onPlainTransport(cell, WS_FAMILY))),
  );
}

export const OBS_2_RULE: ClaimRule = {
  id: 'OBS-2',
  claim: 'A development proxy buffers the stream, so it arrives in one piece at the end; nginx in front fixes it.',
  title: 'Dev proxy buffers; nginx fixes',
  scenarios: ['proxy-buffering'],
  needs: 'all',
  ruleText: `The seed's LLM answer over SSE (POST), time to first token through each proxy ÷ straight to the server, same cell (${FIRST_EVENT_RATIO}). The first half holds if through the dev-proxy model that ratio is at least ${BUFFERED_TO_END_RATIO}× (the answer arrives in one piece at the end); refuted if not. Then nginx "fixes it" in a configuration where every token got through and the ratio is below ${HELD_BACK_RATIO}×: supported if in every nginx configuration run, refuted if in none, depends otherwise (the verdict names them).`,
  wouldMeasure: WOULD_MEASURE_BUFFERING,
  evaluate: evaluateDevProxyBuffering,
};
