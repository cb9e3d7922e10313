/**
 * WS-5 (well supported by Java, Python and other languages) and OBS-3 (the seed's own clients) from
 * the polyglot family: standard-library Python and JDK-only Java clients in `other-languages`, and
 * a fetch()-stream reader in headless Chromium in `browser`. Each cell records `client_works` (1:
 * the whole stream arrived, to its end marker, without an error) beside the integrity counts.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { cellsOf, findVariant, metricSummary, ranCellsOf, onPlainTransport } from '../results-query.js';
import { evaluationFromOutcomes, type ConditionOutcome } from './compare.js';
import { appendFigures, describeHeadlineCount, type FigureSpec } from './figures.js';
import { judgeDelivery } from './integrity.js';
import { appendToEvaluation, notMeasured, type ClaimEvaluation, type ClaimRule } from './rule.js';

const WORKS = 'client_works';
const FOREIGN_FIGURES: readonly FigureSpec[] = [
  ['latency_p50_us', 'p50'],
  ['latency_p99_us', 'p99'],
];
const PAGE_FIGURES: readonly FigureSpec[] = [
  ['latency_above_min_p50_us', 'p50 above fastest'],
  ['page_errors_count', 'page errors'],
];
const WOULD_MEASURE_LANGUAGES =
  'run the other-languages scenario: Python and Java clients of both transports against the harness servers (`npm run bench -- --scenario other-languages`)';
const WOULD_MEASURE_SEED_CLIENTS =
  'run the other-languages and browser scenarios: the POST-then-stream clients in Python, Java and a browser page';

/**
 * What the library situation is in each language the clients are written in. Not measured: it is
 * why the row's verdict (which is) must not be read as "every language ships a WebSocket client".
 */
const STANDARD_LIBRARY_NOTES: Record<string, string> = {
  python:
    "Python's standard library has no WebSocket client, so python-ws implements RFC 6455 itself (clients/polyglot/python/ws_connection.py: handshake, masking, framing, ping/pong), while python-sse needs only http.client and line parsing",
  java: 'the JDK ships both (java.net.http.HttpClient for SSE, its WebSocket builder for WS)',
};

/** `python-ws` → `python`: the foreign cells are named language-transport[-method]. */
function languageOf(cell: CellResult): string {
  return cell.variant.split('-')[0] ?? cell.variant;
}

/** `python-ws: works, nothing lost · p50 738 µs · p99 2.2 ms`, with a warning when the clocks disagreed. */
function describeForeignCell(cell: CellResult): string {
  const mismatchUs = metricSummary(cell, 'clock_mismatch_us')?.max ?? 0;
  const clock = mismatchUs > 0 ? ' · clock mismatch: latency not comparable' : '';
  return `${appendFigures(`${cell.variant}: ${judgeDelivery(cell, WORKS).note}`, cell, FOREIGN_FIGURES)}${clock}`;
}

/** The streaming (GET) cells of one transport; the POST cells answer OBS-3. */
function streamCells(doc: ResultsDocument, family: ComparedFamily): CellResult[] {
  return cellsOf(doc, 'other-languages').filter(
    (cell) => onPlainTransport(cell, family) && !cell.variant.endsWith('-post'),
  );
}

function judgeClient(cell: CellResult): ConditionOutcome {
  const outcome = judgeDelivery(cell, WORKS);
  return { label: cell.variant, holds: outcome.kind === 'works', note: outcome.note };
}

/** How the SSE clients of the same languages did, said as "both transports" when both worked. */
function describeSseCounterpart(sseCells: readonly CellResult[], wsWorked: boolean): string | undefined {
  if (sseCells.length === 0) return undefined;
  const failing = sseCells.map(judgeClient).filter((outcome) => !outcome.holds);
  const names = sseCells.map((cell) => cell.variant).join(', ');
  if (failing.length === 0)
    return wsWorked
      ? `supported for both transports: ${names} worked intact too`
      : `the SSE clients (${names}) worked intact`;
  return `SSE clients that did not work: ${failing.map((outcome) => `${outcome.label} (${outcome.note})`).join('; ')}`;
}

function describeStandardLibraries(cells: readonly CellResult[]): string | undefined {
  const notes = [...new Set(cells.map(languageOf))].flatMap((language) => STANDARD_LIBRARY_NOTES[language] ?? []);
  return notes.length === 0 ? undefined : `context, not measured: ${notes.join('; ')}`;
}

/** `2/2 clients work`: the cells whose client got its whole stream intact. */
function describeWorkingClients(cells: readonly CellResult[]): string {
  return describeHeadlineCount(
    cells.filter((cell) => judgeDelivery(cell, WORKS).kind === 'works').length,
    cells.length,
    'clients work',
  );
}

function evaluateLanguageSupport(doc: ResultsDocument): ClaimEvaluation {
  const wsCells = streamCells(doc, WS_FAMILY);
  const sseCells = streamCells(doc, SSE_FAMILY);
  const figures = {
    sse: sseCells.map(describeForeignCell),
    ws: wsCells.map(describeForeignCell),
    headline: { sse: describeWorkingClients(sseCells), ws: describeWorkingClients(wsCells) },
  };
  const outcomes = wsCells.filter((cell) => judgeDelivery(cell, WORKS).kind !== 'unknown').map(judgeClient);
  if (outcomes.length === 0)
    return notMeasured(`other-languages recorded no ${WORKS} for a WS client`, WOULD_MEASURE_LANGUAGES, figures);
  const wsWorked = outcomes.every((outcome) => outcome.holds);
  const measured = appendToEvaluation(
    evaluationFromOutcomes(outcomes, figures),
    describeSseCounterpart(sseCells, wsWorked),
  );
  return appendToEvaluation(measured, describeStandardLibraries([...wsCells, ...sseCells]));
}

export const WS_5_RULE: ClaimRule = {
  id: 'WS-5',
  claim: 'Well supported by Java, Python and other languages.',
  title: 'WS works in Java, Python',
  scenarios: ['other-languages'],
  needs: 'all',
  ruleText:
    "Supported if every WS client in another language (Python standard library only, Java JDK only) received its whole stream intact in every repeat (client_works = 1; nothing lost, duplicated, reordered or corrupted); refuted if none did; depends otherwise (the verdict names the languages). The SSE clients are judged the same way and reported beside it; what each language's standard library offers is stated as context, not measured.",
  wouldMeasure: WOULD_MEASURE_LANGUAGES,
  evaluate: evaluateLanguageSupport,
};

/** A seed client, the harness's stand-in for it, and where that stand-in ran. */
interface SeedClient {
  scenario: string;
  variant: string;
  /** What stands in for the seed's client, and how it differs. */
  standIn: string;
}

const SEED_CLIENTS: readonly SeedClient[] = [
  {
    scenario: 'other-languages',
    variant: 'java-sse-post',
    standIn: "the JDK's HttpClient POSTing with Accept: text/event-stream (the seed used async-http-client)",
  },
  {
    scenario: 'other-languages',
    variant: 'python-sse-post',
    standIn:
      "Python http.client POSTing and reading lines as they arrive (the seed used requests + iter_lines(); this client applies the event-stream field rules instead of line[5:], whose failure mode SSE-8's naive parser measures)",
  },
  {
    scenario: 'browser',
    variant: 'fetch-post-sse',
    standIn:
      "a page in Chromium POSTing with fetch() and parsing the body stream as fetch-event-source does (the page's own reader, not the library)",
  },
];

function findSeedClientCell(doc: ResultsDocument, client: SeedClient): CellResult | undefined {
  return findVariant(ranCellsOf(doc, client.scenario), client.variant);
}

function describeSeedClientCell(cell: CellResult): string {
  return cell.scenario === 'browser'
    ? appendFigures(`${cell.variant}: ${judgeDelivery(cell, WORKS).note}`, cell, PAGE_FIGURES)
    : describeForeignCell(cell);
}

function evaluateSeedClients(doc: ResultsDocument): ClaimEvaluation {
  const found = SEED_CLIENTS.flatMap((client) => {
    const cell = findSeedClientCell(doc, client);
    return cell === undefined || judgeDelivery(cell, WORKS).kind === 'unknown' ? [] : [{ client, cell }];
  });
  // Every seed client POSTs for an SSE answer; WS has no counterpart in the seed.
  const figures = {
    sse: found.map(({ cell }) => describeSeedClientCell(cell)),
    ws: ["not applicable: the seed's clients all read SSE"],
    headline: { sse: describeWorkingClients(found.map(({ cell }) => cell)), ws: 'n/a: none shown' },
  };
  if (found.length === 0)
    return notMeasured(
      `no POST-then-stream cell (${SEED_CLIENTS.map((client) => client.variant).join(', ')}) recorded ${WORKS}`,
      WOULD_MEASURE_SEED_CLIENTS,
      figures,
    );
  const outcomes = found.map(({ client, cell }) => ({
    ...judgeClient(cell),
    note: `${judgeDelivery(cell, WORKS).note}; ${client.standIn}`,
  }));
  return evaluationFromOutcomes(outcomes, figures);
}

export const OBS_3_RULE: ClaimRule = {
  id: 'OBS-3',
  claim:
    'The clients shown: Java async-http-client POST, Python requests with iter_lines() and line[5:], a browser page with fetch-event-source.',
  title: "The article's clients work",
  scenarios: ['other-languages', 'browser'],
  needs: 'any',
  ruleText:
    "The seed's pattern (POST a JSON prompt, read the SSE answer as it streams) with a stand-in for each of its clients: Java (JDK HttpClient), Python (http.client) and a browser page (fetch() and a stream parser). Supported if every stand-in that ran received the whole answer intact in every repeat (client_works = 1, nothing lost, duplicated, reordered or corrupted); refuted if none did; depends otherwise.",
  wouldMeasure: WOULD_MEASURE_SEED_CLIENTS,
  evaluate: evaluateSeedClients,
};
