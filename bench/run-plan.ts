/**
 * Runs a plan one run at a time (on a 2-core machine two cells at once would measure each other),
 * in the interleaved order, reporting through a listener (autocannon style: the progress display is
 * just another listener). A failed run becomes a result with its error category (tinybench style)
 * and the plan goes on.
 */
import { familyRunner } from './families.js';
import { PhaseError } from './phase-error.js';
import type { CellPlan, Plan } from './plan.js';
import { addRun } from './results-document.js';
import { estimateRunMs, planRemainingTime } from './run-estimate.js';
import type { ResultsDocument, RunResult } from './results.js';

export interface RunProgress {
  index: number;
  total: number;
  cell: CellPlan;
  repeat: number;
  elapsedMs: number;
  /** Estimated per cell from its family's timings, scaled by how long the runs so far took (run-estimate.ts). */
  remainingMs: number;
}

export interface RunListener {
  onRunStart?(progress: RunProgress): void;
  onRunEnd?(progress: RunProgress, run: RunResult): void;
}

function toRunResult(
  progress: RunProgress,
  startedAt: Date,
  wallMs: number,
  outcome: Awaited<ReturnType<ReturnType<typeof familyRunner>>> | PhaseError,
): RunResult {
  const base = { repeat: progress.repeat, order: progress.index, startedAt: startedAt.toISOString(), wallMs };
  if (outcome instanceof PhaseError) {
    return {
      ...base,
      status: 'failed',
      error: { category: outcome.category, message: outcome.message },
      metrics: {},
      histograms: {},
      errorCounts: { [outcome.category]: 1 },
      warnings: [],
    };
  }
  const { serverConfig: _server, ...measured } = outcome;
  return { ...base, status: 'ok', ...measured };
}

/** Where these runs sit in a larger sequence (the A/B mode runs one slot at a time, twice). */
export interface RunPosition {
  offset: number;
  total: number;
  startNs: bigint;
}

export async function runPlan(
  plan: Plan,
  doc: ResultsDocument,
  listener: RunListener,
  abort: AbortSignal,
  afterEachRun: () => void,
  position?: RunPosition,
): Promise<void> {
  const startNs = position?.startNs ?? process.hrtime.bigint();
  const offset = position?.offset ?? 0;
  const total = position?.total ?? plan.order.length;
  const sinceStartMs = () => Number(process.hrtime.bigint() - startNs) / 1e6;
  // A/B mode hands this function one slot at a time, so only a whole plan knows every run ahead.
  const remaining =
    position === undefined ? planRemainingTime(plan.order.map((slot) => plan.cells[slot.cell]!)) : undefined;
  for (let i = 0; i < plan.order.length && !abort.aborted; i++) {
    const index = offset + i;
    const slot = plan.order[i]!;
    const cell = plan.cells[slot.cell]!;
    const elapsedMs = sinceStartMs();
    const remainingMs =
      remaining?.remainingMs(index, elapsedMs) ??
      (index === 0 ? total * estimateRunMs(cell) : (elapsedMs / index) * (total - index));
    const progress: RunProgress = { index, total, cell, repeat: slot.repeat, elapsedMs, remainingMs };
    listener.onRunStart?.(progress);
    const startedAt = new Date();
    let outcome;
    try {
      outcome = await familyRunner(cell.scenario.family)(cell, abort);
      doc.cells[slot.cell]!.config.server = outcome.serverConfig;
    } catch (err) {
      outcome = err instanceof PhaseError ? err : new PhaseError('internal', (err as Error).stack ?? String(err));
    }
    if (abort.aborted) break; // a run cut short by Ctrl-C is not a measurement
    const run = toRunResult(progress, startedAt, sinceStartMs() - elapsedMs, outcome);
    addRun(doc, slot.cell, run);
    listener.onRunEnd?.(progress, run);
    afterEachRun();
  }
}
