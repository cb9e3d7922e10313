/**
 * OBS-1 (a streaming response needs its timeout disabled, or long streams are cut) from
 * `long-lived`: a stream quieter than an idle timeout in its path, whose cells carry `heartbeat`
 * true or false. The harness's servers already switch Node's own response timeouts off (as the
 * seed's `new SseEmitter(0L)` does), so what this measures is the other timeout a long stream
 * meets: the path's idle timeout, and whether heartbeats keep the stream alive through it.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { formatBytes, formatCount, formatDurationMs } from '../format.js';
import { metricMedian, metricSummary, ranCellsOf, onPlainTransport } from '../results-query.js';
import { describeLabelledFigures, formatMedian, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';
import { appendToVerdict, notMeasured, type ClaimEvaluation, type ClaimRule, type Verdict } from './rule.js';

const CUTS = 'streams_cut_count';
const STREAM_FIGURES: readonly FigureSpec[] = [
  [CUTS, 'cut'],
  ['cut_after_p50_ms', 'cut after p50'],
  ['messages_received', 'received'],
  ['reconnect_attempts_count', 'reconnects'],
];
const HEARTBEAT_FIGURES: readonly FigureSpec[] = [
  ['heartbeat_bytes_each', 'heartbeat'],
  ['heartbeat_bytes_per_min', 'heartbeat bytes/min/conn'],
];
/**
 * The idle timeout the path's timeout stands for: nginx's proxy_read_timeout and common load
 * balancers' idle timeouts default to 60 s. The scenario scales it down, and its heartbeat with it.
 */
const MODELLED_IDLE_TIMEOUT_MS = 60_000;
const NOT_MEASURED_NOTE =
  "not measured: a server's own default timeout cutting a stream (Spring's SseEmitter default; Node's 300 s requestTimeout is not waited out)";
const WOULD_MEASURE_LONG_LIVED =
  'run the long-lived scenario (a quiet stream through an idle timeout in the path, with heartbeats and without): `npm run bench -- --scenario long-lived`';

function numberParam(cell: CellResult, key: string): number | undefined {
  const value = cell.params[key];
  return typeof value === 'number' ? value : undefined;
}

/** `sse-heartbeat: heartbeat every 250 ms`, `sse-no-heartbeat: no heartbeat`. */
function describeCell(cell: CellResult): string {
  const heartbeatMs = numberParam(cell, 'heartbeatMs');
  const beating = cell.params['heartbeat'] === true;
  const mode = beating
    ? `heartbeat every ${heartbeatMs === undefined ? '?' : formatDurationMs(heartbeatMs)}`
    : 'no heartbeat';
  return describeLabelledFigures(
    `${cell.variant} (${mode})`,
    cell,
    beating ? [...STREAM_FIGURES, ...HEARTBEAT_FIGURES] : STREAM_FIGURES,
  );
}

function findCell(cells: readonly CellResult[], family: ComparedFamily, heartbeat: boolean): CellResult | undefined {
  return cells.find(
    (cell) =>
      onPlainTransport(cell, family) &&
      cell.params['heartbeat'] === heartbeat &&
      metricSummary(cell, CUTS) !== undefined,
  );
}

/** `the path's 600 ms idle timeout (a 100× scaled model of nginx's and load balancers' 60 s)`. */
function describePath(cell: CellResult): string {
  const idleMs = numberParam(cell, 'pathIdleTimeoutMs');
  if (idleMs === undefined) return 'an idle timeout in the path';
  return `the path's ${formatDurationMs(idleMs)} idle timeout (a ${formatCount(MODELLED_IDLE_TIMEOUT_MS / idleMs)}× scaled model of nginx's and load balancers' ${formatDurationMs(MODELLED_IDLE_TIMEOUT_MS)})`;
}

/** `8 B each, both directions: 1.9 KiB/min per connection at 250 ms, 19.2 B/min at the 25 s it models`. */
function describeHeartbeatCost(cell: CellResult): string | undefined {
  const eachBytes = metricMedian(cell, 'heartbeat_bytes_each');
  const heartbeatMs = numberParam(cell, 'heartbeatMs');
  const idleMs = numberParam(cell, 'pathIdleTimeoutMs');
  if (eachBytes === undefined || heartbeatMs === undefined || heartbeatMs <= 0) return undefined;
  const measured = `${formatBytes(eachBytes)}, both directions: ${formatMedian(cell, 'heartbeat_bytes_per_min')}/min per connection at ${formatDurationMs(heartbeatMs)}`;
  if (idleMs === undefined) return measured;
  const modelledMs = heartbeatMs * (MODELLED_IDLE_TIMEOUT_MS / idleMs);
  return `${measured}, ${formatBytes((eachBytes * 60_000) / modelledMs)}/min at the ${formatDurationMs(modelledMs)} it models`;
}

/** `60 times (after 610 ms p50)`: how often the path cut a cell's streams, median repeat. */
function describeCuts(cell: CellResult): string {
  const after =
    metricSummary(cell, 'cut_after_p50_ms') === undefined
      ? ''
      : ` (after ${formatMedian(cell, 'cut_after_p50_ms')} p50)`;
  return `${formatMedian(cell, CUTS)} times${after}`;
}

function decide(quiet: CellResult, kept: CellResult): Verdict {
  const path = describePath(quiet);
  const heartbeatMs = numberParam(kept, 'heartbeatMs');
  const every = heartbeatMs === undefined ? '' : ` every ${formatDurationMs(heartbeatMs)}`;
  if (worstCount(quiet, CUTS) === 0)
    return { kind: 'refuted', detail: `no SSE stream was cut, even without heartbeats, by ${path}` };
  if (worstCount(kept, CUTS) > 0) {
    return {
      kind: 'supported',
      detail: `${path} cut SSE streams even with heartbeats${every}, ${describeCuts(kept)}, and ${describeCuts(quiet)} without: only lifting the timeout keeps a long stream`,
    };
  }
  const cost = describeHeartbeatCost(kept);
  return {
    kind: 'depends',
    condition: `on the path and on heartbeats, not on a server timeout: with Node's own response timeouts off on the harness's servers, quiet SSE streams were still cut ${describeCuts(quiet)} by ${path} unless heartbeats${every} kept them alive (0 cuts)${cost === undefined ? '' : `; a heartbeat costs ${cost}`}`,
  };
}

/** `cut 60 → 0 with heartbeats`: the cuts without heartbeats, then with. */
function describeCutsHeadline(quiet: CellResult | undefined, kept: CellResult | undefined): string {
  return quiet === undefined || kept === undefined
    ? 'n/a'
    : `cut ${formatMedian(quiet, CUTS)} → ${formatMedian(kept, CUTS)} with heartbeats`;
}

/** `WS: cut 50 times (after 752 ms p50) without heartbeats, 0 with`. */
function describeWs(cells: readonly CellResult[]): string | undefined {
  const quiet = findCell(cells, WS_FAMILY, false);
  const kept = findCell(cells, WS_FAMILY, true);
  if (quiet === undefined || kept === undefined) return undefined;
  return `WS: cut ${describeCuts(quiet)} without heartbeats, ${formatMedian(kept, CUTS)} with`;
}

function judgeLongLived(doc: ResultsDocument): ClaimEvaluation {
  const cells = ranCellsOf(doc, 'long-lived');
  const figures = {
    sse: cells.filter((cell) => onPlainTransport(cell, SSE_FAMILY)).map(describeCell),
    ws: cells.filter((cell) => onPlainTransport(cell, WS_FAMILY)).map(describeCell),
  };
  const quiet = findCell(cells, SSE_FAMILY, false);
  const kept = findCell(cells, SSE_FAMILY, true);
  if (quiet === undefined || kept === undefined) {
    return notMeasured(
      `long-lived lacks SSE cells with heartbeat=true and heartbeat=false recording ${CUTS}`,
      WOULD_MEASURE_LONG_LIVED,
      figures,
    );
  }
  const headline = {
    sse: describeCutsHeadline(quiet, kept),
    ws: describeCutsHeadline(findCell(cells, WS_FAMILY, false), findCell(cells, WS_FAMILY, true)),
  };
  const notes = [describeWs(cells), NOT_MEASURED_NOTE].filter((note) => note !== undefined).join(' — ');
  return { ...figures, headline, verdict: appendToVerdict(decide(quiet, kept), notes) };
}

export const OBS_1_RULE: ClaimRule = {
  id: 'OBS-1',
  claim:
    'A streaming response needs its server-side timeout disabled; otherwise long streams are cut at the default HTTP timeout.',
  title: 'Long streams need timeouts off',
  scenarios: ['long-lived'],
  needs: 'all',
  ruleText:
    "What is measured: a stream quieter than an idle timeout in its path (long-lived: 1 message/s through a proxy that closes connections idle for pathIdleTimeoutMs, a scaled model of nginx's and load balancers' 60 s), with server heartbeats and without. " +
    "The harness's servers switch Node's own response timeouts off (server.timeout and requestTimeout 0, as the seed's SseEmitter(0L)), so the path is what can cut. " +
    `Depends (on the path and heartbeats) if SSE streams were cut without heartbeats (${CUTS} > 0 in any repeat) and none with them; supported if they were cut even with heartbeats (only lifting the timeout helps); refuted if none was cut without heartbeats either. ` +
    "The heartbeat's cost in socket bytes and the WS cells are stated beside it. Not measured: a server's own default timeout (Spring's SseEmitter default; Node's 300 s requestTimeout is not waited out).",
  wouldMeasure: WOULD_MEASURE_LONG_LIVED,
  evaluate: judgeLongLived,
};
