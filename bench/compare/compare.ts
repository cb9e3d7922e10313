/**
 * compare: a pure function from two results documents to a Comparison, one entry per
 * (cell, metric). Nothing here reads files, prints or exits; the CLI does that.
 */
import type { MetricSpecs } from '../metrics.js';
import type { CellResult, ResultsDocument } from '../results.js';
import { classifyMetric, type MetricRule } from './classify.js';
import { judgeCellStatus } from './cell-status.js';
import {
  FAILED_RUNS_METRIC,
  resolveCompareSettings,
  type CompareSettings,
  type Comparison,
  type DocumentRef,
  type MetricComparison,
} from './comparison.js';
import { judgeExactMetric, judgeMustBeZero } from './exact-verdict.js';
import { judgeNoisyMetric } from './noisy-verdict.js';
import { medianOf } from './order-stats.js';
import { createRandom, seedFromText } from './prng.js';
import { collectMetricValues, listMetricNames } from './samples.js';

/** Metric name of the entry for a whole cell that is in base but not in head. */
export const WHOLE_CELL_METRIC = '*';

interface MetricSamples {
  cellId: string;
  rule: MetricRule;
  base: number[];
  head: number[];
}

function describeDocument(doc: ResultsDocument): DocumentRef {
  return { generatedAt: doc.generatedAt, profile: doc.plan.profile, complete: doc.complete };
}

function startEntry({ cellId, rule, base, head }: MetricSamples): MetricComparison {
  return {
    cellId,
    metric: rule.name,
    unit: rule.unit,
    metricClass: rule.class,
    better: rule.better,
    verdict: 'info',
    reason: '',
    baseRuns: base.length,
    headRuns: head.length,
    ...(base.length > 0 ? { baseMedian: medianOf(base) } : {}),
    ...(head.length > 0 ? { headMedian: medianOf(head) } : {}),
  };
}

/** Info metrics: the figures for context, with a plain ratio, never a verdict. */
function describeInfoMetric(samples: MetricSamples): Pick<MetricComparison, 'verdict' | 'reason' | 'ratio'> {
  const ratio = medianOf(samples.head) / medianOf(samples.base);
  const reason = samples.rule.specified ? 'reported only' : 'no metric spec registered; reported only';
  return { verdict: 'info', reason, ...(Number.isFinite(ratio) ? { ratio } : {}) };
}

/** Judges one metric of a cell present in both documents (or a must-be-zero count in head). */
function judgeMetric(samples: MetricSamples, settings: CompareSettings): MetricComparison {
  const entry = startEntry(samples);
  const { rule, base, head } = samples;
  if (head.length === 0) return { ...entry, verdict: 'missing', reason: 'reported in base, not in head' };
  if (rule.mustBeZero) return { ...entry, headMax: Math.max(...head), ...judgeMustBeZero(head, rule) };
  if (rule.class === 'exact') return { ...entry, ...judgeExactMetric(base, head, settings.exactRelTolerance) };
  if (rule.class === 'noisy' && rule.better !== 'none') {
    const random = createRandom(seedFromText(`${samples.cellId}\u0000${rule.name}`, settings.seed));
    return { ...entry, ...judgeNoisyMetric(base, head, rule, settings, random) };
  }
  return { ...entry, ...describeInfoMetric(samples) };
}

/**
 * Entries for one head cell. Metrics only in head are new and have nothing to compare against,
 * except must-be-zero counts, which need no base.
 */
function compareCell(
  head: CellResult,
  base: CellResult | undefined,
  settings: CompareSettings,
  specs: readonly MetricSpecs[],
): MetricComparison[] {
  const entries = [judgeCellStatus(head, base)];
  const headNames = listMetricNames(head);
  // A head cell with no successful run has no figures; its failed-run entry already says why.
  if (headNames.length === 0) return entries;
  const names = new Set([...(base === undefined ? [] : listMetricNames(base)), ...headNames]);
  for (const name of names) {
    const rule = classifyMetric(name, settings.thresholdsPct, specs);
    const baseValues = base === undefined ? [] : collectMetricValues(base, name);
    if (baseValues.length === 0 && !rule.mustBeZero) continue;
    entries.push(
      judgeMetric({ cellId: head.id, rule, base: baseValues, head: collectMetricValues(head, name) }, settings),
    );
  }
  return entries;
}

function describeMissingCell(base: CellResult, head: ResultsDocument): MetricComparison {
  const skipped = head.plan.skippedScenarios.includes(base.scenario);
  return {
    cellId: base.id,
    metric: WHOLE_CELL_METRIC,
    unit: '',
    metricClass: 'status',
    better: 'none',
    verdict: 'missing',
    reason: skipped ? `scenario ${base.scenario} was skipped in head` : 'cell is in base, not in head',
    baseRuns: base.runs.length,
    headRuns: 0,
  };
}

/** A watchdog stop shows as an incomplete document with a `timeout:<phase>` error. */
function wasStoppedByWatchdog(doc: ResultsDocument): boolean {
  return !doc.complete && doc.errors.some((error) => error.category.startsWith('timeout:'));
}

/** Metrics with no spec in either document or the catalogue: reported as info, which the reader must know is not a gate. */
function listUnspecifiedMetrics(entries: readonly MetricComparison[], specs: readonly MetricSpecs[]): string[] {
  const pseudoMetrics = new Set([WHOLE_CELL_METRIC, FAILED_RUNS_METRIC]);
  const names = new Set(entries.map((entry) => entry.metric));
  return [...names].filter((name) => !pseudoMetrics.has(name) && !classifyMetric(name, {}, specs).specified);
}

/** Where compare looks a metric's spec up: what head's run used, then base's (the catalogue comes last). */
export function carriedSpecs(base: ResultsDocument, head: ResultsDocument): MetricSpecs[] {
  return [head.metricSpecs, base.metricSpecs];
}

function collectWarnings(
  base: ResultsDocument,
  head: ResultsDocument,
  entries: readonly MetricComparison[],
  settings: CompareSettings,
): string[] {
  const warnings: string[] = [];
  if (!base.complete) warnings.push('base results are partial (the run was interrupted or stopped by a watchdog)');
  if (!head.complete) warnings.push('head results are partial (the run was interrupted or stopped by a watchdog)');
  const unspecified = listUnspecifiedMetrics(entries, carriedSpecs(base, head));
  if (unspecified.length > 0) {
    warnings.push(
      `${unspecified.length} metric(s) have no registered spec and were only reported, not gated: ${unspecified.join(', ')}`,
    );
  }
  const present = new Set(entries.map((e) => e.metric));
  const unused = Object.keys(settings.thresholdsPct).filter((name) => !present.has(name));
  if (unused.length > 0) warnings.push(`thresholds given for metrics not in these results: ${unused.join(', ')}`);
  return warnings;
}

/**
 * Compares head against base. Entries come in head's cell order, then cells missing from head.
 * Deterministic: the same documents and settings always give the same Comparison.
 */
export function compareResults(
  base: ResultsDocument,
  head: ResultsDocument,
  options: Partial<CompareSettings> = {},
): Comparison {
  const settings = resolveCompareSettings(options);
  const baseCells = new Map(base.cells.map((cell) => [cell.id, cell]));
  const headIds = new Set(head.cells.map((cell) => cell.id));
  const specs = carriedSpecs(base, head);
  const entries = head.cells.flatMap((cell) => compareCell(cell, baseCells.get(cell.id), settings, specs));
  for (const cell of base.cells) if (!headIds.has(cell.id)) entries.push(describeMissingCell(cell, head));
  return {
    base: describeDocument(base),
    head: describeDocument(head),
    settings,
    entries,
    warnings: collectWarnings(base, head, entries, settings),
    watchdogStopped: wasStoppedByWatchdog(head),
  };
}
