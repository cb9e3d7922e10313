/**
 * `--check-resume N`: read N events, drop the connection, wait the server's `retry:` time (as
 * EventSource would), reconnect with Last-Event-ID and see what comes. A reference stream runs
 * beside the dropped one and a control stream (no header) beside the resumed one; resume-verdict.ts
 * compares the three. The dropped stream is recorded like any measured connection.
 */
import { nowNs } from '../../clients/clock.js';
import type { MeasureWorkload } from './measure-options.js';
import { judgeResume, type ResumeReport } from './resume-verdict.js';
import { RunRecorder } from './run-recorder.js';
import { openWorkloadStream, type RepeatRecording } from './run-workload.js';
import type { MeasuredStream, ReceivedEvent } from './stream-lifecycle.js';

/** How long the resumed and control streams may take to show what the server does. */
export const RESUME_WINDOW_MS = 2000;
/** A server asking for a longer wait than this is waited on only this long. */
export const MAX_RETRY_WAIT_MS = 30_000;

/** Collects ids until `limit` events (then stops the stream) or until told to stop. */
function collectIds(
  workload: MeasureWorkload,
  limit: number,
  lastEventId?: string,
  onEvent?: (event: ReceivedEvent) => 'continue' | 'stop',
): { ids: string[]; stream: MeasuredStream } {
  const ids: string[] = [];
  const stream = openWorkloadStream(
    workload,
    {
      onEvent: (event) => {
        if (onEvent?.(event) === 'stop') return 'stop';
        ids.push(event.id ?? '');
        // Stopping settles the stream at once, so events later in the same chunk are not delivered.
        if (ids.length >= limit) stream.stop('stopped');
        return 'continue';
      },
    },
    lastEventId,
  );
  return { ids, stream };
}

function wait(ms: number, abort: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    abort.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export interface ResumeRepeat extends RepeatRecording {
  report: ResumeReport;
}

export async function runResumeCheck(workload: MeasureWorkload, abort: AbortSignal): Promise<ResumeRepeat> {
  const events = workload.checkResumeEvents!;
  const recorder = new RunRecorder(workload);
  const startNs = nowNs();
  const record = recorder.startConnection(startNs);
  const reference = collectIds(workload, Number.MAX_SAFE_INTEGER);
  const dropped = collectIds(workload, events, undefined, (event) => recorder.recordEvent(record, event));
  const droppedOutcome = await dropped.stream.done;
  recorder.recordOutcome(record, droppedOutcome);
  const retryMs = droppedOutcome.retryMs;
  await wait(Math.min(retryMs ?? 0, MAX_RETRY_WAIT_MS), abort);
  const lastId = dropped.ids.at(-1);
  const resumed = lastId === undefined || lastId === '' ? undefined : collectIds(workload, events, lastId);
  const control = collectIds(workload, 1);
  const window = setTimeout(
    () => [resumed?.stream, control.stream, reference.stream].forEach((s) => s?.stop('stopped')),
    RESUME_WINDOW_MS,
  );
  await Promise.all([resumed?.stream.done, control.stream.done]);
  // The reference must reach past what the resumed stream saw, or "lost" cannot be counted.
  reference.stream.stop('stopped');
  await reference.stream.done;
  clearTimeout(window);
  const evidence = {
    droppedIds: dropped.ids,
    referenceIds: reference.ids,
    resumedIds: resumed?.ids ?? [],
    ...(control.ids[0] ? { controlFirstId: control.ids[0] } : {}),
  };
  return { recorder, startNs, endNs: nowNs(), report: judgeResume(evidence, retryMs) };
}
