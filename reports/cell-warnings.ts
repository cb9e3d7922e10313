/**
 * Everything that makes a cell's figures weaker than they look, in one list: warnings the runner
 * raised (a saturated client…), failed or missing repeats, errors the client survived (told apart
 * from a refusal that is the cell's result), histograms too small for the tail percentiles the
 * table shows, and spreads too wide to trust a median.
 */
import type { MetricSpecs } from '../bench/metrics.js';
import type { CellResult, RunResult } from '../bench/results.js';
import { formatCount, formatPercent } from './format.js';
import { countRunSamples, decodeRunHistogram } from './histograms.js';
import { isExactMetric } from './metric-info.js';
import { okRuns } from './results-query.js';

/** A spread across repeats above this, in percent, makes a median worth a second look. */
export const NOISY_SPREAD_PCT = 25;

/** Values a percentile needs before it means anything: p99.9 needs 1,000 (one value above it). */
const PERCENTILE_MINIMUM_SAMPLES: readonly [suffix: string, label: string, samples: number][] = [
  ['p999', 'p99.9', 1000],
  ['p99', 'p99', 100],
];

/** All warnings for one cell, each a short sentence; `specs` are its document's `metricSpecs`. */
export function collectCellWarnings(cell: CellResult, plannedRepeats: number, specs: MetricSpecs): string[] {
  return [
    ...describeRepeats(cell, plannedRepeats),
    ...describeRunWarnings(cell),
    ...describeSurvivedErrors(cell),
    ...describeSampleSizes(cell),
    ...describeUndecodableHistograms(cell),
    ...describeNoisyMetrics(cell, specs),
  ];
}

function describeRepeats(cell: CellResult, plannedRepeats: number): string[] {
  const warnings: string[] = [];
  if (cell.runs.length < plannedRepeats)
    warnings.push(`only ${cell.runs.length} of ${plannedRepeats} planned repeats ran`);
  for (const run of cell.runs.filter((r) => r.status === 'failed')) {
    const error = run.error === undefined ? 'no error recorded' : `${run.error.category}: ${run.error.message}`;
    warnings.push(`repeat ${run.repeat} failed (${error}); figures are from ${okRuns(cell).length} repeats`);
  }
  return warnings;
}

/** Run warnings grouped by text, with how many repeats raised each; cell-level ones after. */
function describeRunWarnings(cell: CellResult): string[] {
  const counts = new Map<string, number>();
  for (const warning of cell.runs.flatMap((run) => run.warnings)) counts.set(warning, (counts.get(warning) ?? 0) + 1);
  const fromRuns = [...counts.entries()].map(
    ([warning, count]) => `${warning} (${count} of ${cell.runs.length} repeats)`,
  );
  const cellOnly = cell.warnings.filter((warning) => !counts.has(warning));
  return [...fromRuns, ...cellOnly];
}

/** Flags a repeat records when the stream itself was the question: 1 it got one, 0 it was refused. */
const WORKS_METRICS = ['works', 'client_works'] as const;

/**
 * How a repeat that got no stream relates to its cell's expectation: `expected` when the cell
 * recorded unexpected_outcome_count 0 (a browser page the server should block), `unexpected` when
 * above 0, `unjudged` when the family records no expectation (nginx refusing WS: the claim rows judge it).
 */
type Refusal = 'expected' | 'unexpected' | 'unjudged';

function classifyRefusal(run: RunResult): Refusal | undefined {
  if (!WORKS_METRICS.some((metric) => run.metrics[metric] === 0)) return undefined;
  const unexpected = run.metrics['unexpected_outcome_count'];
  if (unexpected === undefined) return 'unjudged';
  return unexpected === 0 ? 'expected' : 'unexpected';
}

function describeErrorTotals(runs: readonly RunResult[]): string {
  const totals = new Map<string, number>();
  for (const run of runs) {
    for (const [category, count] of Object.entries(run.errorCounts))
      totals.set(category, (totals.get(category) ?? 0) + count);
  }
  return [...totals.entries()].map(([category, count]) => `${category} ×${formatCount(count)}`).join(', ');
}

const REFUSAL_WORDING: Record<Refusal, string> = {
  expected: 'as the cell expects: the refusal is its result, not an error it survived',
  unexpected: 'which the cell did not expect',
  unjudged: "the refusal is this cell's result (judged in the claims table), not an error it survived",
};

/**
 * Errors of repeats that got their stream are errors the client survived. A repeat whose works flag
 * is 0 did not survive anything: its error is the refusal the cell measures, and is said as such.
 */
function describeSurvivedErrors(cell: CellResult): string[] {
  const warnings: string[] = [];
  const survived = describeErrorTotals(cell.runs.filter((run) => classifyRefusal(run) === undefined));
  if (survived !== '') warnings.push(`errors the client survived: ${survived}`);
  for (const refusal of ['unexpected', 'expected', 'unjudged'] as const) {
    const runs = cell.runs.filter((run) => classifyRefusal(run) === refusal);
    if (runs.length === 0) continue;
    const errors = describeErrorTotals(runs);
    warnings.push(
      `refused in ${runs.length} of ${cell.runs.length} repeats, ${REFUSAL_WORDING[refusal]}${errors === '' ? '' : ` (${errors})`}`,
    );
  }
  return warnings;
}

/**
 * Per-connection histograms hold one value per connection: with one connection their tail
 * percentiles are the single value by design, so warning about them would only bury real warnings.
 */
const PER_CONNECTION_HISTOGRAMS = new Set(['connect_us', 'first_message_us']);

/** Per-message histogram families recorded by any repeat, e.g. `latency_us`, `ttft_us`. */
function listHistogramFamilies(cell: CellResult): string[] {
  return [...new Set(cell.runs.flatMap((run) => Object.keys(run.histograms)))].filter(
    (family) => !PER_CONNECTION_HISTOGRAMS.has(family),
  );
}

function describeSampleSizes(cell: CellResult): string[] {
  const warnings: string[] = [];
  for (const family of listHistogramFamilies(cell)) {
    const counts = countRunSamples(cell, family);
    if (counts.length === 0) continue;
    const fewest = Math.min(...counts.map((entry) => entry.count));
    const prefix = family.replace(/_us$/, '');
    const lacking = PERCENTILE_MINIMUM_SAMPLES.filter(
      ([suffix, , samples]) => fewest < samples && cell.summary[`${prefix}_${suffix}_us`] !== undefined,
    );
    if (lacking.length > 0) {
      const needs = lacking.map(([, label, samples]) => `${label} needs ${formatCount(samples)}`).join(', ');
      warnings.push(
        `too few samples for ${lacking.map(([, label]) => label).join(' and ')}: ${family} has ${formatCount(fewest)} values in a repeat (${needs})`,
      );
    }
  }
  return warnings;
}

function describeUndecodableHistograms(cell: CellResult): string[] {
  return okRuns(cell).flatMap((run) =>
    Object.keys(run.histograms).flatMap((family) => {
      const decoded = decodeRunHistogram(run, family);
      return decoded !== undefined && 'error' in decoded ? [decoded.error] : [];
    }),
  );
}

function describeNoisyMetrics(cell: CellResult, specs: MetricSpecs): string[] {
  const noisy = Object.entries(cell.summary)
    // A maximum is one sample: a wide spread across repeats is its nature, not a warning sign.
    .filter(
      ([metric, summary]) =>
        summary.n > 1 &&
        !isExactMetric(specs, metric) &&
        !metric.includes('_max_') &&
        summary.spreadPct > NOISY_SPREAD_PCT,
    )
    .map(([metric, summary]) => `${metric} ${formatPercent(summary.spreadPct)}`);
  return noisy.length === 0 ? [] : [`noisy (spread above ${NOISY_SPREAD_PCT}% across repeats): ${noisy.join(', ')}`];
}
