/**
 * SSE-8 (streaming can lose messages or run them together; you need your own decoding) from
 * `framing`: one SSE stream delivered in every possible split, read by a spec parser and by two
 * hand-written readers. The claim is about readers, so the verdict names which reader failed.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { SSE_FAMILY } from '../../transports/families.js';
import { formatCount } from '../format.js';
import { metricMedian, ranCellsOf, onPlainTransport } from '../results-query.js';
import { describeHeadlineCount, describeLabelledFigures, type FigureSpec } from './figures.js';
import { worstCount } from './integrity.js';
import { notMeasured, type ClaimEvaluation, type ClaimRule, type Verdict } from './rule.js';

/** The readers, by the fragment their metrics carry (bench/framing/framing-metrics.ts). */
const READERS = [
  { metric: 'spec', label: 'spec parser (eventsource-parser)' },
  { metric: 'naive', label: 'naive per-chunk line reader' },
  { metric: 'iter_lines', label: "iter_lines reader (the seed's Python: partial lines carried, line[5:])" },
] as const;
type Reader = (typeof READERS)[number];

/** What a reader can do wrong: lose an event, hand over a damaged one, or repeat an intact one. */
const FAILURES = ['lost', 'corrupted', 'spurious'] as const;
const WOULD_MEASURE_FRAMING =
  'run the framing scenario (events split at every byte position and run together, read by a spec parser and by naive readers): `npm run bench -- --scenario framing`';

function metricOf(reader: Reader, what: string): string {
  return `framing_${reader.metric}_${what}`;
}

/** A count summed over cells, worst repeat of each: exact counts, so any non-zero repeat counts. */
function sumWorst(cells: readonly CellResult[], metric: string): number {
  return cells.reduce((total, cell) => total + worstCount(cell, metric), 0);
}

function countFailures(cells: readonly CellResult[], reader: Reader): number {
  return FAILURES.reduce((total, what) => total + sumWorst(cells, metricOf(reader, `${what}_count`)), 0);
}

function describeReaderFigures(cells: readonly CellResult[], reader: Reader): string {
  const specs: FigureSpec[] = [
    ...FAILURES.map((what): FigureSpec => [metricOf(reader, `${what}_count`), what]),
    [metricOf(reader, 'cut_sensitive_runs'), 'split-sensitive runs'],
  ];
  return describeLabelledFigures(
    reader.label,
    cells.find((cell) => metricMedian(cell, metricOf(reader, 'lost_count')) !== undefined),
    specs,
  );
}

/** ` in 1,554 deliveries`, or nothing when the runs were not counted. */
function describeDeliveries(cells: readonly CellResult[]): string {
  const runs = sumWorst(cells, 'framing_runs_count');
  return runs > 0 ? ` in ${formatCount(runs)} deliveries` : '';
}

/**
 * `naive per-chunk line reader: lost 2,799, corrupted 4,228 in 1,554 deliveries, 1,295 of them
 * changed by where the stream was split`. A reader whose output never changed with the split
 * failed on the event format (a two-line event, say), not on segmentation: the note says which.
 */
function describeReaderFailures(cells: readonly CellResult[], reader: Reader): string {
  const counts = FAILURES.map((what) => [what, sumWorst(cells, metricOf(reader, `${what}_count`))] as const)
    .filter(([, count]) => count > 0)
    .map(([what, count]) => `${what} ${formatCount(count)}`);
  const splitSensitive = sumWorst(cells, metricOf(reader, 'cut_sensitive_runs'));
  const cause =
    splitSensitive > 0
      ? `, ${formatCount(splitSensitive)} of them changed by where the stream was split`
      : ', the same however the stream was split (a failure of the event format it does not implement, not of segmentation)';
  return `${reader.label}: ${counts.join(', ')}${describeDeliveries(cells)}${cause}`;
}

function decide(cells: readonly CellResult[], readers: readonly Reader[], spec: Reader): Verdict {
  const specFailures = countFailures(cells, spec);
  if (specFailures > 0)
    return {
      kind: 'supported',
      detail: `even the spec parser lost, corrupted or repeated ${formatCount(specFailures)} messages: ${describeReaderFailures(cells, spec)}`,
    };
  const failing = readers.filter((reader) => reader !== spec && countFailures(cells, reader) > 0);
  if (failing.length === 0)
    return {
      kind: 'refuted',
      detail: `no reader lost, corrupted or repeated a message${describeDeliveries(cells)} (${readers.map((reader) => reader.label).join(', ')})`,
    };
  const specNote = `the ${spec.label} lost, corrupted and repeated nothing${describeDeliveries(cells)}`;
  return {
    kind: 'depends',
    condition: `on the client's parser: ${specNote}; ${failing.map((reader) => describeReaderFailures(cells, reader)).join('; ')}`,
  };
}

function judgeFraming(doc: ResultsDocument): ClaimEvaluation {
  const cells = ranCellsOf(doc, 'framing').filter((cell) => onPlainTransport(cell, SSE_FAMILY));
  const readers = READERS.filter((reader) =>
    cells.some((cell) => metricMedian(cell, metricOf(reader, 'lost_count')) !== undefined),
  );
  const figures = {
    sse: readers.map((reader) => describeReaderFigures(cells, reader)),
    ws: ['not applicable: WS frames are length-delimited by the protocol, never split by a line parser'],
  };
  const spec = readers.find((reader) => reader.metric === 'spec');
  if (spec === undefined)
    return notMeasured('framing recorded no framing_spec_* counts for SSE', WOULD_MEASURE_FRAMING, figures);
  const failing = readers.filter((reader) => countFailures(cells, reader) > 0).length;
  const headline = { sse: describeHeadlineCount(failing, readers.length, 'readers failed'), ws: 'n/a: framed' };
  return { ...figures, headline, verdict: decide(cells, readers, spec) };
}

export const SSE_8_RULE: ClaimRule = {
  id: 'SSE-8',
  claim:
    'Con: streaming can lose messages or run them together ("sticky packets"); you need your own encoding and decoding.',
  title: 'SSE framing loses messages',
  scenarios: ['framing'],
  needs: 'all',
  ruleText:
    "One SSE stream delivered split at every byte position, one byte per chunk, whole and one event per chunk, read by a spec parser, a naive per-chunk line reader and an iter_lines reader (the seed's Python client). " +
    "Supported if the spec parser lost, corrupted or repeated any message; depends (on the client's parser) if only the hand-written readers did; refuted if none did. Counts are exact, worst repeat. " +
    'A reader whose output changed with where the stream was split fails on segmentation (the "sticky packet" failure); one whose output never changed fails on the event format.',
  wouldMeasure: WOULD_MEASURE_FRAMING,
  evaluate: judgeFraming,
};
