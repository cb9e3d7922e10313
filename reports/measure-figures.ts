/**
 * The figures a measure cell is read by, shared by the markdown section and the terminal summary so
 * both say the same thing: medians across repeats (with spread), ends and errors summed over them.
 */
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { isMeasureCell, MEASURE_SCENARIO, type MeasureCellResult } from '../bench/measure/measure-cell.js';
import { formatMedianWithSpread } from './format.js';
import { formatMetricValue } from './metric-info.js';
import { metricSummary } from './results-query.js';

export function measureCellsOf(doc: ResultsDocument): MeasureCellResult[] {
  return doc.cells.filter((cell): cell is MeasureCellResult => isMeasureCell(cell) && cell.runs.length > 0);
}

export function isMeasureScenario(scenario: string): boolean {
  return scenario === MEASURE_SCENARIO;
}

/** A metric's median ± spread, `—` when no successful repeat has it. */
export function formatFigure(cell: CellResult, metric: string): string {
  const summary = metricSummary(cell, metric);
  return summary === undefined ? '—' : formatMedianWithSpread(summary, (value) => formatMetricValue(metric, value));
}

/** Events of a complete stream, else events in the window (marked), per repeat's median. */
export function formatEvents(cell: CellResult): string {
  if (metricSummary(cell, 'events_received') !== undefined) return formatFigure(cell, 'events_received');
  const windowed = formatFigure(cell, 'events_in_window');
  return windowed === '—' ? '—' : `${windowed} (cut at deadline)`;
}

/** Sums a count over every repeat, failed ones included (an error is an error whenever it came). */
export function sumOverRuns(
  cell: CellResult,
  read: (run: CellResult['runs'][number]) => Record<string, number>,
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const run of cell.runs)
    for (const [name, value] of Object.entries(read(run))) totals[name] = (totals[name] ?? 0) + value;
  return totals;
}

/** `end-marker 5, server-close 0, deadline 0` over all repeats. */
export function describeEnds(cell: CellResult): string {
  const totals = sumOverRuns(cell, (run) => ({
    'end-marker': run.metrics['end_marker_count'] ?? 0,
    'server-close': run.metrics['server_close_count'] ?? 0,
    deadline: run.metrics['deadline_count'] ?? 0,
  }));
  const parts = Object.entries(totals)
    .filter(([, count]) => count > 0)
    .map(([end, count]) => `${end} ×${count}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** `refused ×3, mime ×1`, or `none`. */
export function describeErrors(cell: CellResult): string {
  const totals = sumOverRuns(cell, (run) => run.errorCounts);
  const parts = Object.entries(totals)
    .filter(([, count]) => count > 0)
    .map(([category, count]) => `${category} ×${count}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export const CLOCK_NOTE =
  "Server-stamped latency compares the server host's clock with this one: it is exact on one host and only as good as their agreement (NTP: a millisecond or more) across hosts.";
export const ITL_NOTE =
  "Inter-token latency (ITL) is one sample per chunk carrying content, the gap since the previous such chunk of the same stream, as vLLM's benchmark defines it; tokens/s counts those chunks, first to last.";
