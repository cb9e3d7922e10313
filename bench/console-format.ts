/** Number formatting for the console tables: units chosen for the magnitude, medians with spread. */
import { computeRatio, formatRatio } from '../reports/format.js';
import type { MetricSummary } from './results.js';

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'µs') {
    if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} s`;
    if (value >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 1 : 2)} ms`;
    return `${Math.round(value)} µs`;
  }
  if (unit === 'msg/s') return value >= 10_000 ? `${(value / 1000).toFixed(0)} k/s` : `${value.toFixed(0)}/s`;
  if (unit === 'B') return `${value.toFixed(value < 100 && !Number.isInteger(value) ? 1 : 0)} B`;
  if (unit === 'count') return String(Math.round(value));
  if (unit === '%' || unit === '% of a core') return `${value.toFixed(0)}%`;
  if (unit === 'ratio') return value.toFixed(2);
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(2)} ${unit}`;
}

export function formatSummary(summary: MetricSummary | undefined, unit: string): string {
  if (summary === undefined) return '–';
  const value = formatValue(summary.median, unit);
  return summary.n > 1 && summary.spreadPct >= 0.5 ? `${value} ±${summary.spreadPct.toFixed(0)}%` : value;
}

/** `numerator / denominator` as a factor (`0.80×`), a dash when either is missing or the denominator 0. */
export function formatRatioOf(numerator: number | undefined, denominator: number | undefined): string {
  return formatRatio(
    numerator === undefined || denominator === undefined ? undefined : computeRatio(numerator, denominator),
  );
}

export function formatDuration(ms: number): string {
  const totalSec = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(totalSec / 60)}:${String(totalSec % 60).padStart(2, '0')}`;
}

/** A plain text table with aligned columns; the first column left-aligned, the rest right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
