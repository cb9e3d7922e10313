/** The plain (non-terminal) progress lines: one per run, with the run's family's figures. */
import { describe, expect, it } from 'vitest';
import './all-families.js';
import { resolvePlan } from './plan.js';
import { createProgressListener } from './progress.js';
import type { RunResult } from './results.js';
import type { RunProgress } from './run-plan.js';

function captureStream(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('createProgressListener, not on a terminal', () => {
  it('announces the estimate, then ends each run line with its key figures', () => {
    const cell = resolvePlan({ profile: 'quick', scenarios: ['reconnect-reset'] }).cells[0]!;
    const progress: RunProgress = { index: 0, total: 4, cell, repeat: 0, elapsedMs: 0, remainingMs: 8000 };
    const run: RunResult = {
      repeat: 0,
      order: 0,
      startedAt: '',
      wallMs: 1800,
      status: 'ok',
      metrics: { detect_p50_ms: 2, reconnect_p50_ms: 240, lost_count: 0 },
      histograms: {},
      errorCounts: {},
      warnings: [],
    };
    const out = captureStream();
    const listener = createProgressListener(out.stream, false);
    listener.onRunStart?.(progress);
    listener.onRunEnd?.(progress, run);
    expect(out.text()).toBe(
      'running 4 runs, about 0:08\n[1/4] reconnect-reset/sse-resume repeat 1: detect p50 2.00 ms, reconnect p50 240 ms, lost 0\n',
    );
  });
});
