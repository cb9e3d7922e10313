/**
 * Number formatting for every report, in one place, so a figure reads the same in the claims table,
 * the scenario tables, the charts and the terminal. Output never depends on the locale: two renders
 * of one results document must be byte-identical on any machine.
 */
import type { MetricSummary } from '../bench/results.js';

/** Three significant figures: 8.12, 81.2, 812, 8120. */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 100) return groupThousands(Math.round(value));
  if (magnitude >= 10) return trimZeros(value.toFixed(1));
  if (magnitude >= 1) return trimZeros(value.toFixed(2));
  return trimZeros(value.toPrecision(3));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `12345` → `12,345`; a fixed separator, never the locale's. */
export function groupThousands(integer: number): string {
  const sign = integer < 0 ? '-' : '';
  return sign + String(Math.abs(integer)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A duration given in microseconds, in the unit that keeps it readable: µs, ms or s. */
export function formatDurationUs(durationUs: number): string {
  const magnitude = Math.abs(durationUs);
  if (magnitude < 1000) return `${formatSignificant(durationUs)} µs`;
  if (magnitude < 1_000_000) return `${formatSignificant(durationUs / 1000)} ms`;
  return `${formatSignificant(durationUs / 1_000_000)} s`;
}

/** A duration given in milliseconds, in µs, ms or s. */
export function formatDurationMs(durationMs: number): string {
  return formatDurationUs(durationMs * 1000);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes in binary units: `22 B`, `22.4 B` (a per-message average), `1.5 KiB`, `3.2 MiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unitIndex = 0;
  while (Math.abs(value) >= 1024 && unitIndex < BYTE_UNITS.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  return `${formatSignificant(value)} ${BYTE_UNITS[unitIndex]}`;
}

/** A percentage already scaled to 0–100. */
export function formatPercent(percent: number): string {
  return `${formatSignificant(percent)}%`;
}

/**
 * A ratio such as WS/SSE: `0.79×` (`digits` after the point: the compare shows 3); a dash when it
 * cannot be computed. The one ratio format of the report, the console and the compare.
 */
export function formatRatio(ratio: number | undefined, digits = 2): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${ratio.toFixed(digits)}×`;
}

/** `numerator / denominator`, undefined when the denominator is 0 (no meaningful ratio). */
export function computeRatio(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

/** A rate per second with k/M prefixes: `950 msg/s`, `12.3 k msg/s`, `1.23 M msg/s`. */
export function formatRatePerSec(ratePerSec: number, unit: string): string {
  const magnitude = Math.abs(ratePerSec);
  if (magnitude >= 1_000_000) return `${formatSignificant(ratePerSec / 1_000_000)} M ${unit}`;
  if (magnitude >= 1000) return `${formatSignificant(ratePerSec / 1000)} k ${unit}`;
  return `${formatSignificant(ratePerSec)} ${unit}`;
}

/** A count: grouped integer, or one decimal when it is a median of an even number of repeats. */
export function formatCount(count: number): string {
  if (Number.isInteger(count)) return groupThousands(count);
  const [integer = '0', fraction = '0'] = count.toFixed(1).split('.');
  return fraction === '0' ? groupThousands(Number(integer)) : `${groupThousands(Number(integer))}.${fraction}`;
}

/**
 * A median with its spread across repeats: `812 µs ±4%`. The spread is (max − min) / median as
 * the results define it; a single repeat has none, so it says `(1 run)` rather than `±0%`.
 */
export function formatMedianWithSpread(summary: MetricSummary, formatValue: (value: number) => string): string {
  const value = formatValue(summary.median);
  if (summary.n <= 1) return `${value} (1 run)`;
  return `${value} ±${formatSpreadPct(summary.spreadPct)}`;
}

function formatSpreadPct(spreadPct: number): string {
  // Below 1% a rounded 0 would hide a real spread, so one decimal is kept there.
  return spreadPct > 0 && spreadPct < 1 ? `${spreadPct.toFixed(1)}%` : `${Math.round(spreadPct)}%`;
}

/** `1 scenario`, `3 scenarios`: a count with its noun. */
export function formatQuantity(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
