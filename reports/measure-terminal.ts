/**
 * The terminal summary of a measure run: one row per endpoint with the figures worth a glance,
 * then resume verdicts and caveats. Plain text, no colour, so it pastes anywhere.
 */
import type { ResultsDocument } from '../bench/results.js';
import {
  CLOCK_NOTE,
  describeEnds,
  describeErrors,
  formatEvents,
  formatFigure,
  ITL_NOTE,
  measureCellsOf,
} from './measure-figures.js';
import { renderTextTable } from './terminal.js';

const COLUMNS: [header: string, metric: string][] = [
  ['connect p50', 'connect_p50_us'],
  ['TTFE p50', 'ttfe_p50_us'],
  ['TTFE p99', 'ttfe_p99_us'],
  ['gap p50', 'gap_p50_us'],
  ['gap p99', 'gap_p99_us'],
  ['events/s', 'events_per_sec'],
  ['B/event', 'wire_bytes_down_per_event'],
];

const LLM_COLUMNS: [header: string, metric: string][] = [
  ['TTFT p50', 'ttft_p50_us'],
  ['ITL p50', 'itl_p50_us'],
  ['ITL p99', 'itl_p99_us'],
  ['tokens/s', 'tokens_per_sec'],
];

export function renderMeasureTerminal(doc: ResultsDocument): string {
  const cells = measureCellsOf(doc);
  const llm = cells.some((cell) => cell.measure.preset === 'openai-chat');
  const stamped = cells.some((cell) => cell.measure.latencyField !== undefined);
  const columns = [
    ...COLUMNS,
    ...(stamped
      ? ([
          ['latency p50', 'latency_p50_us'],
          ['latency p99', 'latency_p99_us'],
        ] as [string, string][])
      : []),
    ...(llm ? LLM_COLUMNS : []),
  ];
  const rows = cells.map((cell) => [
    cell.id,
    formatEvents(cell),
    ...columns.map(([, metric]) => formatFigure(cell, metric)),
    describeEnds(cell),
    describeErrors(cell),
  ]);
  const table = renderTextTable(
    ['endpoint', 'events', ...columns.map(([header]) => header), 'ended by', 'errors'],
    rows,
  );
  const resume = cells.flatMap((cell) =>
    cell.measure.resume.map((r) => `resume ${cell.id} repeat ${r.repeat + 1}: ${r.verdict}: ${r.description}`),
  );
  const notes = [...(stamped ? [`note: ${CLOCK_NOTE}`] : []), ...(llm ? [`note: ${ITL_NOTE}`] : [])];
  const partial = doc.complete ? [] : ['PARTIAL RESULTS: the run was interrupted; what was measured is written.'];
  return `${[table, ...resume, ...notes, ...partial].join('\n')}\n`;
}
