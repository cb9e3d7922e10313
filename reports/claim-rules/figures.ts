/**
 * The figures a claim row shows beside its verdict: a few medians of one cell, each with its spread,
 * so a reader sees exactly what the rule compared.
 */
import type { CellResult } from '../../bench/results.js';
import { formatMedianWithSpread } from '../format.js';
import { formatMetricValue } from '../metric-info.js';
import { metricSummary } from '../results-query.js';
import type { Headline } from './rule.js';

/** A metric to show and the short name it goes by in a claim row. */
export type FigureSpec = readonly [metric: string, shortName: string];

/** `p50 812 µs ±4% · p99 1.9 ms ±8%`; metrics the cell lacks are left out. */
export function describeFigures(cell: CellResult | undefined, specs: readonly FigureSpec[]): string {
  const parts: string[] = [];
  for (const [metric, shortName] of specs) {
    const summary = metricSummary(cell, metric);
    if (summary === undefined) continue;
    parts.push(`${shortName} ${formatMedianWithSpread(summary, (value) => formatMetricValue(metric, value))}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'no figures recorded';
}

/** `steady: p50 812 µs ±4%`. */
export function describeLabelledFigures(
  label: string,
  cell: CellResult | undefined,
  specs: readonly FigureSpec[],
): string {
  return `${label}: ${describeFigures(cell, specs)}`;
}

/** The medians of a metric the cell recorded, formatted without spread (for compact notes). */
export function formatMedian(cell: CellResult | undefined, metric: string): string {
  const summary = metricSummary(cell, metric);
  return summary === undefined ? 'n/a' : formatMetricValue(metric, summary.median);
}

/** `text · p50 812 µs ±4%`, or `text` alone when the cell recorded none of the metrics. */
export function appendFigures(text: string, cell: CellResult, specs: readonly FigureSpec[]): string {
  const recorded = specs.filter(([metric]) => metricSummary(cell, metric) !== undefined);
  return recorded.length === 0 ? text : `${text} · ${describeFigures(cell, recorded)}`;
}

/** `p50 425 µs`, or `p50 n/a`: one median with its short name, no spread, for a headline. */
export function describeHeadlineFigure(cell: CellResult | undefined, metric: string, shortName: string): string {
  return `${shortName} ${formatMedian(cell, metric)}`.trim();
}

/** The same figure of both transports' cells, as a rule's headline. */
export function headlineOf(
  cells: { sse?: CellResult | undefined; ws?: CellResult | undefined },
  metric: string,
  shortName: string,
): Headline {
  return {
    sse: describeHeadlineFigure(cells.sse, metric, shortName),
    ws: describeHeadlineFigure(cells.ws, metric, shortName),
  };
}

/** `2/3 works`: how many of a transport's cells passed a check, for a headline. */
export function describeHeadlineCount(passed: number, total: number, what: string): string {
  return total === 0 ? 'not run' : `${passed}/${total} ${what}`;
}
