/**
 * How two medians are compared before a rule may call one transport better: the difference must
 * exceed the noise, taken as the larger spread across repeats of the two cells, and for a noisy
 * timing or rate never less than NOISE_FLOOR_PCT (one repeat has no spread, and this machine is
 * shared). Exact counts have no noise: any difference is real. Info figures (bytes over a window)
 * get their spread and no floor: a small but steady byte difference is still a difference.
 */
import type { MetricSpecs } from '../../bench/metrics.js';
import type { CellResult, MetricSummary } from '../../bench/results.js';
import { type ComparedFamily, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import { metricClass } from '../metric-info.js';
import { metricSummary } from '../results-query.js';
import type { ClaimEvaluation, Headline, Verdict } from './rule.js';

/** The smallest difference, in percent, a rule accepts between two noisy medians. */
export const NOISE_FLOOR_PCT = 5;

/** The side that did better beyond noise, or neither. */
export type Winner = ComparedFamily | 'neither';

export interface MetricComparison {
  metric: string;
  sse: MetricSummary;
  ws: MetricSummary;
  winner: Winner;
  /** How much worse the loser is than the winner, in percent of the winner (Infinity from 0). */
  differencePct: number;
  /** The margin the difference had to exceed. */
  noisePct: number;
}

/** The noise margin for a metric between two summaries; `specs` are the document's `metricSpecs`. */
export function noiseMarginPct(specs: MetricSpecs, metric: string, a: MetricSummary, b: MetricSummary): number {
  const comparability = metricClass(specs, metric);
  if (comparability === 'exact') return 0;
  return Math.max(a.spreadPct, b.spreadPct, comparability === 'noisy' ? NOISE_FLOOR_PCT : 0);
}

/** Relative difference of `worse` over `better`, in percent of `better`. */
export function relativeDifferencePct(better: number, worse: number): number {
  if (better === worse) return 0;
  if (better === 0) return Number.POSITIVE_INFINITY;
  return (Math.abs(worse - better) / Math.abs(better)) * 100;
}

/**
 * Compares a metric between an SSE and a WS cell; undefined when either lacks it. `specs` are the
 * cells' document's `metricSpecs`: they say whether the metric is exact, noisy or info.
 */
export function compareMetric(
  specs: MetricSpecs,
  sseCell: CellResult,
  wsCell: CellResult,
  metric: string,
  better: 'lower' | 'higher',
): MetricComparison | undefined {
  const sse = metricSummary(sseCell, metric);
  const ws = metricSummary(wsCell, metric);
  if (sse === undefined || ws === undefined) return undefined;
  return compareSummaries(specs, metric, sse, ws, better);
}

export function compareSummaries(
  specs: MetricSpecs,
  metric: string,
  sse: MetricSummary,
  ws: MetricSummary,
  better: 'lower' | 'higher',
): MetricComparison {
  const sseLeads = better === 'lower' ? sse.median < ws.median : sse.median > ws.median;
  const [lead, lag] = sseLeads ? [sse.median, ws.median] : [ws.median, sse.median];
  const differencePct = relativeDifferencePct(lead, lag);
  const noisePct = noiseMarginPct(specs, metric, sse, ws);
  const winner: Winner = differencePct > noisePct ? (sseLeads ? SSE_FAMILY : WS_FAMILY) : 'neither';
  return { metric, sse, ws, winner, differencePct, noisePct };
}

/** `WS lower by 21% (noise 5%)` or `within noise (3% ≤ 8%)`. */
export function describeComparison(comparison: MetricComparison, better: 'lower' | 'higher'): string {
  const difference = formatDifferencePct(comparison.differencePct);
  const noise = `${Math.round(comparison.noisePct)}%`;
  if (comparison.winner === 'neither') return `within noise (${difference} ≤ ${noise})`;
  const side = comparison.winner === WS_FAMILY ? 'WS' : 'SSE';
  return `${side} ${better} by ${difference} (noise ${noise})`;
}

function formatDifferencePct(differencePct: number): string {
  return Number.isFinite(differencePct) ? `${Math.round(differencePct)}%` : 'all of it';
}

/** Whether the claim held under one condition (a scenario, a payload size, a fault…). */
export interface ConditionOutcome {
  label: string;
  holds: boolean;
  /** Why, in a few words: `WS lower by 21% (noise 5%)`. */
  note: string;
}

/**
 * Supported when the claim held under every condition measured, refuted when under none, and
 * otherwise depends on the condition, which the verdict names.
 */
export function verdictFromOutcomes(outcomes: readonly ConditionOutcome[]): Verdict {
  const holding = outcomes.filter((outcome) => outcome.holds);
  const failing = outcomes.filter((outcome) => !outcome.holds);
  const list = (items: readonly ConditionOutcome[]): string =>
    items.map((item) => `${item.label}: ${item.note}`).join('; ');
  if (failing.length === 0) return { kind: 'supported', detail: list(holding) };
  if (holding.length === 0) return { kind: 'refuted', detail: list(failing) };
  return { kind: 'depends', condition: `holds at ${list(holding)} — not at ${list(failing)}` };
}

/** An evaluation whose verdict comes from per-condition outcomes. */
export function evaluationFromOutcomes(
  outcomes: readonly ConditionOutcome[],
  figures: { sse: string[]; ws: string[]; headline?: Headline },
): ClaimEvaluation {
  return { ...figures, verdict: verdictFromOutcomes(outcomes) };
}
