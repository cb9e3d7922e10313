/**
 * The markdown summary for CI: a headline with the outcome, one table row for every flagged
 * metric (anything that is not a plain pass or info), one line counting the rest, then warnings.
 * Returns a string; writing it (stdout, a file, $GITHUB_STEP_SUMMARY) is the CLI's job.
 */
import type { Comparison, MetricComparison, Verdict } from './comparison.js';
import type { Outcome } from './exit-code.js';
import { formatRatio } from '../../reports/format.js';
import { COMPARE_RATIO_DIGITS, formatFigure, formatInterval, formatPct } from './format.js';

/** Most urgent first, so the row a reader must act on is at the top. */
const VERDICT_ORDER: readonly Verdict[] = [
  'correctness-failure',
  'exact-changed',
  'regressed',
  'inconclusive',
  'missing',
  'improved',
];

/** True for entries the summary lists one by one. */
export function isFlagged(entry: MetricComparison): boolean {
  return entry.verdict !== 'pass' && entry.verdict !== 'info';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The head median, plus the worst run when that is what decided the verdict. */
function formatHead(entry: MetricComparison): string {
  const median = formatFigure(entry.headMedian);
  return entry.headMax === undefined || entry.headMax === entry.headMedian
    ? median
    : `${median} (max ${formatFigure(entry.headMax)})`;
}

function renderRow(entry: MetricComparison): string {
  const cells = [
    entry.cellId,
    entry.unit === '' ? entry.metric : `${entry.metric} (${entry.unit})`,
    formatFigure(entry.baseMedian),
    formatHead(entry),
    formatRatio(entry.ratio, COMPARE_RATIO_DIGITS),
    formatInterval(entry.ciLow, entry.ciHigh),
    formatPct(entry.noiseFloorPct, '±'),
    formatPct(entry.thresholdPct),
    `**${entry.verdict}**${entry.confirmed === true ? ' (confirmed)' : ''}`,
    entry.reason,
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

function renderTable(flagged: readonly MetricComparison[]): string[] {
  const sorted = [...flagged].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
  return [
    `| Cell | Metric | Base | Head | Ratio | Interval | Noise floor | Threshold | Verdict | Why |`,
    '|---|---|---:|---:|---:|---|---:|---:|---|---|',
    ...sorted.map(renderRow),
  ];
}

/** Renders the summary. `outcome` is passed in so the headline and the exit code cannot disagree. */
export function renderMarkdownSummary(comparison: Comparison, outcome: Outcome): string {
  const flagged = comparison.entries.filter(isFlagged);
  const passed = comparison.entries.filter((entry) => entry.verdict === 'pass').length;
  const info = comparison.entries.filter((entry) => entry.verdict === 'info').length;
  const confidencePct = Math.round(comparison.settings.confidence * 100);
  const lines = [
    '## Benchmark comparison',
    '',
    `**${outcome.label}** (exit ${outcome.exitCode}). Base: profile \`${comparison.base.profile}\`, ${comparison.base.generatedAt}. Head: profile \`${comparison.head.profile}\`, ${comparison.head.generatedAt}.`,
    '',
    ...(flagged.length > 0 ? [...renderTable(flagged), ''] : []),
    `${flagged.length} flagged, ${passed} passed, ${info} reported only (not gated). Intervals are ${confidencePct}% bootstrap intervals of median(head) / median(base).`,
  ];
  if (comparison.warnings.length > 0)
    lines.push('', '**Warnings**', '', ...comparison.warnings.map((warning) => `- ${warning}`));
  return `${lines.join('\n')}\n`;
}
