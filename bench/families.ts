/**
 * Which code measures a cell, by scenario family. The stream family covers the foundation's
 * scenarios; other families (wire, faults…) register their own runner from their own module.
 */
import type { CellPlan } from './plan.js';
import type { RunResult } from './results.js';

/** What a cell runner measures in one repeat; the plan runner adds status, order and timing. */
export type MeasuredRun = Pick<RunResult, 'metrics' | 'histograms' | 'errorCounts' | 'warnings'> & {
  timeline?: RunResult['timeline'];
  /** The load workers that ran a distributed run's shards. */
  hosts?: RunResult['hosts'];
  /** The server configuration as actually run (port included), for the results document. */
  serverConfig: Record<string, unknown>;
};

export type CellRunner = (cell: CellPlan, abort: AbortSignal) => Promise<MeasuredRun>;

const runners = new Map<string, CellRunner>();

export function registerFamily(family: string, runner: CellRunner): void {
  runners.set(family, runner);
}

export function familyRunner(family: string): CellRunner {
  const runner = runners.get(family);
  if (runner === undefined) throw new Error(`no runner registered for scenario family ${JSON.stringify(family)}`);
  return runner;
}
