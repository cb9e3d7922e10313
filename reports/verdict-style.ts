/**
 * How a verdict looks, in one place, so the badges of report.html, the verdict grid chart and the
 * markers of REPORT.md agree: green supported, red refuted, amber depends, grey not measured.
 */
import type { VerdictKind } from './claim-rules/rule.js';

export const VERDICT_KINDS: readonly VerdictKind[] = ['supported', 'refuted', 'depends', 'not-measured'];

/** Badge and grid colours; each keeps white text readable (contrast ≥ 4.5:1). */
export const VERDICT_COLOURS: Record<VerdictKind, string> = {
  supported: '#1a7f37',
  refuted: '#c62828',
  depends: '#9a6700',
  'not-measured': '#6e7781',
};

/** Markdown has no colour: a coloured mark before the verdict word stands in for the badge. */
export const VERDICT_MARKS: Record<VerdictKind, string> = {
  supported: '🟢',
  refuted: '🔴',
  depends: '🟡',
  'not-measured': '⚪',
};
