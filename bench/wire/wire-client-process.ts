/**
 * Runs one wire job in a client process of its own and waits for its result under a deadline, so a
 * stream that never ends becomes a `timeout:wire-client` failure instead of a stuck run.
 */
import { PhaseError } from '../phase-error.js';
import type { ErrorCategory } from '../results.js';
import { captureStderr, forkChild, stopChild } from '../spawn.js';
import type { RunnerToWireClient, WireClientToRunner, WireJob, WireJobResult } from './wire-client-protocol.js';

/** Resolves with the job's result; rejects with its categorised failure, a crash, a timeout or the abort. */
export async function runWireClientProcess(
  job: WireJob,
  deadlineMs: number,
  abort: AbortSignal,
): Promise<WireJobResult> {
  const child = forkChild('bench/wire/wire-client-main.js');
  const stderr = captureStderr(child);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: () => void = () => undefined;
  try {
    return await new Promise<WireJobResult>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new PhaseError('timeout:wire-client', `the wire client did not finish within ${deadlineMs} ms`)),
        deadlineMs,
      );
      onAbort = () => reject(new PhaseError('internal', 'aborted'));
      abort.addEventListener('abort', onAbort, { once: true });
      child.on('message', (message: WireClientToRunner) => {
        if (message.type === 'result') resolve(message.result);
        else reject(new PhaseError(message.category as ErrorCategory, message.message));
      });
      child.once('exit', (code, signal) =>
        reject(new PhaseError('child-crash', `wire client exited (${signal ?? code}): ${stderr() || 'no output'}`)),
      );
      child.send({ type: 'run', job } satisfies RunnerToWireClient);
    });
  } finally {
    abort.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    await stopChild(child, 1000);
  }
}
