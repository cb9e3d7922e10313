/** Renders micro-benchmark results as a plain-text table; measuring never prints. */
import type { MicroResult } from './run-micro.js';

function formatRate(opsPerSec: number): string {
  return Number.isFinite(opsPerSec) ? Math.round(opsPerSec).toLocaleString('en-US') : '—';
}

function formatNs(meanNs: number): string {
  return Number.isFinite(meanNs) ? meanNs.toFixed(1) : '—';
}

/** One row a benchmark: name, ops/s, ns/op, ±rme, samples (or the error of a failed one). */
export function formatMicroTable(results: readonly MicroResult[]): string {
  const header = ['benchmark', 'ops/s', 'ns/op', '±rme', 'samples'];
  const rows = results.map((result) =>
    result.error === undefined
      ? [
          result.name,
          formatRate(result.opsPerSec),
          formatNs(result.meanNs),
          `${result.rmePct.toFixed(2)}%`,
          String(result.samples),
        ]
      : [result.name, 'failed', '', '', `${result.error.category}: ${result.error.message}`],
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (row: readonly string[]): string =>
    row
      .map((cell, column) =>
        column === 0 || column === 4 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return `${[render(header), ...rows.map(render)].join('\n')}\n`;
}
