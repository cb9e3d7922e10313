/**
 * Runs every workload `repeats` times, interleaved (A B A B …, as the bench interleaves SSE and WS),
 * adding each repeat to the results document as it finishes, so an interrupted run keeps everything
 * already measured. Reports through events; it never prints (the CLI owns the console).
 */
import { addRun } from '../results-document.js';
import type { CategorisedError, ErrorCategory, ResultsDocument, RunResult } from '../results.js';
import { isMeasureCell } from './measure-cell.js';
import type { MeasureSettings, MeasureWorkload } from './measure-options.js';
import { runResumeCheck } from './resume-check.js';
import { computeRepeatFigures, type RepeatFigures } from './run-metrics.js';
import { runWorkloadRepeat } from './run-workload.js';
import type { StreamError } from './stream-errors.js';

export interface MeasureListener {
  onRepeatDone?(cellId: string, repeat: number, run: RunResult, newErrors: StreamError[]): void;
  /** After every repeat: the document is complete so far and worth writing. */
  onDocumentChanged?(): void;
}

/**
 * The run's own error (for a run where no connection succeeded) in the harness's categories.
 * `timeout:*` is kept for the watchdog (compare reads it as "stopped by a watchdog"), so an idle
 * stream is a protocol-level failure here.
 */
export function toRunError(error: StreamError): CategorisedError {
  const native: readonly string[] = ['http-status', 'mime', 'reset'];
  let category: ErrorCategory;
  if (native.includes(error.category)) category = error.category as ErrorCategory;
  else if (error.category === 'refused' || error.category === 'unreachable') category = 'connect';
  else if (error.category.startsWith('close:')) category = error.category as ErrorCategory;
  else category = `protocol:${error.category}`;
  return { category, message: `${error.category}: ${error.message}` };
}

async function measureRepeat(
  workload: MeasureWorkload,
  abort: AbortSignal,
): Promise<{ figures: RepeatFigures; resume?: Awaited<ReturnType<typeof runResumeCheck>>['report']; wallMs: number }> {
  const started = Date.now();
  const isOpenAi = workload.preset === 'openai-chat';
  if (workload.checkResumeEvents !== undefined) {
    const repeat = await runResumeCheck(workload, abort);
    const figures = computeRepeatFigures(repeat, 0, isOpenAi);
    figures.metrics['resume_lost_count'] = repeat.report.lost;
    figures.metrics['resume_duplicated_count'] = repeat.report.duplicated;
    if (repeat.report.retryMs !== undefined) figures.metrics['resume_retry_ms'] = repeat.report.retryMs;
    return { figures, resume: repeat.report, wallMs: Date.now() - started };
  }
  const recording = await runWorkloadRepeat(workload, abort);
  return { figures: computeRepeatFigures(recording, workload.send.length, isOpenAi), wallMs: Date.now() - started };
}

export async function runMeasurePlan(
  settings: MeasureSettings,
  doc: ResultsDocument,
  abort: AbortSignal,
  listener: MeasureListener = {},
): Promise<void> {
  let order = 0;
  for (let repeat = 0; repeat < settings.repeats && !abort.aborted; repeat++) {
    for (const [index, workload] of settings.workloads.entries()) {
      if (abort.aborted) break;
      const startedAt = new Date().toISOString();
      const { figures, resume, wallMs } = await measureRepeat(workload, abort);
      const opened = figures.metrics['connections']! - (figures.metrics['stream_errors_count'] ?? 0);
      const failedOutright = opened === 0 && figures.errorExamples.length > 0;
      const run: RunResult = {
        repeat,
        order: order++,
        startedAt,
        wallMs,
        status: failedOutright ? 'failed' : 'ok',
        ...(failedOutright ? { error: toRunError(figures.errorExamples[0]!) } : {}),
        metrics: figures.metrics,
        histograms: figures.histograms,
        errorCounts: figures.errorCounts,
        warnings: [],
      };
      const cell = doc.cells[index]!;
      const newErrors = isMeasureCell(cell)
        ? figures.errorExamples.filter((e) => cell.measure.errorExamples[e.category] === undefined)
        : [];
      if (isMeasureCell(cell)) {
        for (const error of newErrors) cell.measure.errorExamples[error.category] = error.message;
        if (resume !== undefined) cell.measure.resume.push({ ...resume, repeat });
      }
      addRun(doc, index, run);
      listener.onRepeatDone?.(cell.id, repeat, run, newErrors);
      listener.onDocumentChanged?.();
    }
  }
}
