/**
 * One repeat of one workload: open its connections (spread over --ramp-ms), stop each at its
 * deadline, at the end marker, when the server ends it, or when the run is interrupted, and record
 * everything into a RunRecorder. A failed connection is counted by category and the others go on.
 */
import { nowNs } from '../../clients/clock.js';
import type { MeasureWorkload } from './measure-options.js';
import { buildOpenAiBody } from './openai-preset.js';
import { RunRecorder, type ConnectionRecord } from './run-recorder.js';
import { openSseStream } from './sse-stream.js';
import type { MeasuredStream, StreamCallbacks, StreamOptions, StreamOutcome } from './stream-lifecycle.js';
import { openWsStream } from './ws-stream.js';
import { WS_FAMILY } from '../../transports/families.js';

export interface RepeatRecording {
  recorder: RunRecorder;
  startNs: number;
  endNs: number;
}

/** Opens one stream of the workload with the given callbacks (and, for the resume check, an id). */
export function openWorkloadStream(
  workload: MeasureWorkload,
  callbacks: StreamCallbacks,
  lastEventId?: string,
): MeasuredStream {
  const options: StreamOptions = {
    idleTimeoutMs: workload.idleTimeoutMs,
    expectsEndMarker: workload.endMarker !== undefined,
  };
  if (workload.protocol === WS_FAMILY) {
    return openWsStream(
      {
        url: workload.url,
        headers: workload.headers,
        send: workload.send,
        insecure: workload.insecure,
        maxEventBytes: workload.maxEventBytes,
      },
      options,
      callbacks,
    );
  }
  const body = workload.preset === 'openai-chat' ? buildOpenAiBody(workload.body) : workload.body;
  return openSseStream(
    {
      url: workload.url,
      method: workload.method,
      headers: workload.headers,
      insecure: workload.insecure,
      maxLineBytes: workload.maxLineBytes,
      maxEventBytes: workload.maxEventBytes,
      ...(body !== undefined ? { body } : {}),
      ...(lastEventId !== undefined ? { lastEventId } : {}),
    },
    options,
    callbacks,
  );
}

function runConnection(workload: MeasureWorkload, recorder: RunRecorder, abort: AbortSignal): Promise<void> {
  const record: ConnectionRecord = recorder.startConnection(nowNs());
  const stream = openWorkloadStream(workload, { onEvent: (event) => recorder.recordEvent(record, event) });
  const deadline =
    workload.durationMs === undefined ? undefined : setTimeout(() => stream.stop('deadline'), workload.durationMs);
  const onAbort = (): void => stream.stop('stopped');
  abort.addEventListener('abort', onAbort, { once: true });
  return stream.done.then((outcome: StreamOutcome) => {
    clearTimeout(deadline);
    abort.removeEventListener('abort', onAbort);
    recorder.recordOutcome(record, outcome);
  });
}

/** Resolves after `ms`, or at once when aborted. */
function waitMs(ms: number, abort: AbortSignal): Promise<void> {
  if (ms <= 0 || abort.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      abort.removeEventListener('abort', done);
      resolve();
    }
    abort.addEventListener('abort', done, { once: true });
  });
}

/** Runs the workload's connections once; what was measured is kept even when aborted midway. */
export async function runWorkloadRepeat(workload: MeasureWorkload, abort: AbortSignal): Promise<RepeatRecording> {
  const recorder = new RunRecorder(workload);
  const startNs = nowNs();
  const running: Promise<void>[] = [];
  // Starts spread evenly: connection i opens at i × ramp / N, the last one before the ramp ends.
  const stepMs = workload.connections > 1 ? workload.rampMs / workload.connections : 0;
  for (let i = 0; i < workload.connections && !abort.aborted; i++) {
    await waitMs(startNs / 1e6 + i * stepMs - nowNs() / 1e6, abort);
    if (abort.aborted) break;
    running.push(runConnection(workload, recorder, abort));
  }
  await Promise.all(running);
  return { recorder, startNs, endNs: nowNs() };
}
