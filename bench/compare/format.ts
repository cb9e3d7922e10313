/**
 * Number formatting for the summary: enough digits to see a change, not so many that the table is
 * unreadable. Units stay in their own column, so figures here are bare numbers.
 */
import { formatRatio } from '../../reports/format.js';

/** A measured figure: integers as they are, else about four significant digits. */
export function formatFigure(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return value.toFixed(0);
  if (magnitude >= 1) return value.toPrecision(4);
  return value.toPrecision(3);
}

/** The compare's ratios carry three digits: `1.302×`. */
export const COMPARE_RATIO_DIGITS = 3;

/** A confidence interval of a ratio, e.g. [1.190×, 1.330×]. */
export function formatInterval(low: number | undefined, high: number | undefined): string {
  if (low === undefined || high === undefined) return '—';
  return `[${formatRatio(low, COMPARE_RATIO_DIGITS)}, ${formatRatio(high, COMPARE_RATIO_DIGITS)}]`;
}

/** A percentage with a prefix, e.g. ±6.1% or 10%. */
export function formatPct(pct: number | undefined, prefix = ''): string {
  return pct === undefined ? '—' : `${prefix}${pct.toFixed(1)}%`;
}
