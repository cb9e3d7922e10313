/**
 * Reads per-run values out of a cell. Only successful runs count: a failed run stopped early, so its
 * figures (messages "lost" after the stop, a shortened window) describe the failure, which the
 * failed-run check already reports, not the build.
 */
import type { CellResult, RunResult } from '../results.js';

function successfulRuns(cell: CellResult): RunResult[] {
  return cell.runs.filter((run) => run.status === 'ok');
}

/** The values of one metric across the cell's successful runs, in run order. */
export function collectMetricValues(cell: CellResult, metric: string): number[] {
  const values: number[] = [];
  for (const run of successfulRuns(cell)) {
    const value = run.metrics[metric];
    if (typeof value === 'number' && !Number.isNaN(value)) values.push(value);
  }
  return values;
}

/** Every metric name reported by at least one successful run, in first-seen order. */
export function listMetricNames(cell: CellResult): string[] {
  const names = new Set<string>();
  for (const run of successfulRuns(cell)) for (const name of Object.keys(run.metrics)) names.add(name);
  return [...names];
}

/** Count of runs with status 'failed', and the first error among them (for the reason text). */
export function summariseFailedRuns(cell: CellResult): { failedRuns: number; totalRuns: number; firstError?: string } {
  const failed = cell.runs.filter((run) => run.status === 'failed');
  const first = failed.find((run) => run.error !== undefined)?.error;
  return {
    failedRuns: failed.length,
    totalRuns: cell.runs.length,
    ...(first === undefined ? {} : { firstError: `${first.category}: ${first.message}` }),
  };
}
