/**
 * The shape of a comparison between a base and a head results document: one entry per
 * (cell, metric), each with the figures and the verdict, plus the settings that produced it so the
 * verdict can be reproduced. Pure data: rendering and exit codes are separate modules.
 */
import type { Better, MetricClass } from '../metrics.js';

/**
 * - pass: no change beyond the threshold (noisy), or unchanged (exact), or still zero.
 * - improved / regressed: statistically significant and the whole interval beyond the threshold.
 * - inconclusive: the runs are too noisy (or too few) to tell a practical change from noise.
 * - correctness-failure: a must-be-zero count above zero, or a cell whose runs failed in head only.
 * - exact-changed: an exact metric (bytes per message, handshake bytes) moved; also fails the build.
 * - missing: in base but not in head, so it could not be compared.
 * - info: reported for context only, never gated (no spec, or no better direction).
 */
export type Verdict =
  | 'pass'
  | 'improved'
  | 'regressed'
  | 'inconclusive'
  | 'correctness-failure'
  | 'exact-changed'
  | 'missing'
  | 'info';

/** `status` is the pseudo-metric for failed runs in a cell. */
export type ComparedClass = MetricClass | 'status';

/** Pseudo-metric name of the per-cell failed-run check. */
export const FAILED_RUNS_METRIC = 'failed_runs';

export interface MetricComparison {
  cellId: string;
  metric: string;
  unit: string;
  metricClass: ComparedClass;
  better: Better;
  verdict: Verdict;
  /** One short sentence saying why, shown in the summary table. */
  reason: string;
  /** Successful runs that contributed a value, per side. */
  baseRuns: number;
  headRuns: number;
  baseMedian?: number;
  headMedian?: number;
  /** Largest head value, for must-be-zero counts, where one bad run is enough to fail. */
  headMax?: number;
  /** median(head) / median(base) and its confidence interval (noisy and info metrics). */
  ratio?: number;
  ciLow?: number;
  ciHigh?: number;
  /** Two-sided permutation p-value that the median moved at all. */
  pValue?: number;
  /** Half-width of the ratio's interval in percent: the smallest change these runs can resolve. */
  noiseFloorPct?: number;
  /** The practical threshold this metric was judged against, in percent. */
  thresholdPct?: number;
  /** Set by confirmRegressions: true when a regression flagged again on the re-measure. */
  confirmed?: boolean;
}

/** Enough about each input document to say what was compared. */
export interface DocumentRef {
  generatedAt: string;
  profile: string;
  complete: boolean;
}

export interface CompareSettings {
  /** Per-metric practical thresholds in percent, overriding the defaults of classify.ts. */
  thresholdsPct: Record<string, number>;
  /** Confidence level of the intervals (two-sided). */
  confidence: number;
  /** Significance level of the permutation test. */
  alpha: number;
  /** Bootstrap resamples and permutation shuffles per metric. */
  resamples: number;
  /** Seed of the resampling, so a verdict is reproducible on the same data. */
  seed: number;
  /** Relative tolerance for exact metrics: float rounding only, not measurement noise. */
  exactRelTolerance: number;
}

export const DEFAULT_COMPARE_SETTINGS: Readonly<CompareSettings> = Object.freeze({
  thresholdsPct: {},
  confidence: 0.95,
  alpha: 0.05,
  resamples: 10_000,
  seed: 1,
  exactRelTolerance: 1e-9,
});

/** Resolves partial settings against the defaults once, at the boundary. */
export function resolveCompareSettings(partial: Partial<CompareSettings> = {}): CompareSettings {
  return { ...DEFAULT_COMPARE_SETTINGS, ...partial, thresholdsPct: { ...partial.thresholdsPct } };
}

export interface Comparison {
  base: DocumentRef;
  head: DocumentRef;
  settings: CompareSettings;
  entries: MetricComparison[];
  /** What the reader must know that is not a verdict: unspecified metrics, partial documents. */
  warnings: string[];
  /** True when a watchdog stopped the head run (a `timeout:<phase>` error, incomplete document). */
  watchdogStopped: boolean;
}
