/**
 * A client process for one run: sends it the run's configuration and watches every phase against
 * its own deadline, so a hang anywhere (connect, first message, drain) becomes a categorised
 * timeout instead of a stuck benchmark.
 */
import type {
  ClientPhase,
  ClientRunConfig,
  ClientRunResult,
  ClientToRunner,
  RunnerToClient,
} from '../clients/client-protocol.js';
import { PhaseError } from './phase-error.js';
import { captureStderr, forkChild, stopChild } from './spawn.js';

/** Slack on top of each phase's planned length; generous because the machine is shared. */
const PHASE_SLACK_MS = 10_000;

export function phaseDeadlineMs(phase: ClientPhase | 'start', config: ClientRunConfig): number {
  switch (phase) {
    case 'start':
      return PHASE_SLACK_MS;
    case 'connecting':
      return PHASE_SLACK_MS + config.connections * 20;
    case 'warmup':
      return config.warmupMs + PHASE_SLACK_MS;
    case 'measuring':
      return config.durationMs + PHASE_SLACK_MS;
    case 'closing':
      return PHASE_SLACK_MS;
  }
}

export interface ClientProcessOptions {
  /**
   * Sets the config's start gate: once every connection is open the process waits, this is awaited
   * (other processes connecting, a shard's common start time), and then the window begins. A
   * rejection fails the run.
   */
  beforeStart?: () => Promise<void>;
}

/** Runs the clients; `onPhase` lets the caller sample the server at the window's edges. */
export async function runClientProcess(
  config: ClientRunConfig,
  onPhase: (phase: ClientPhase) => Promise<void> | void,
  abort: AbortSignal,
  options: ClientProcessOptions = {},
): Promise<ClientRunResult> {
  const gated = options.beforeStart !== undefined;
  // --expose-gc lets the client collect garbage before it samples its memory per connection.
  const child = forkChild('clients/main.js', [], config.measureMemory ? ['--expose-gc'] : []);
  const stderr = captureStderr(child);
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => child.connected && child.send({ type: 'stop' } satisfies RunnerToClient);
  try {
    return await new Promise<ClientRunResult>((resolve, reject) => {
      const arm = (phase: ClientPhase | 'start') => {
        clearTimeout(timer);
        const deadlineMs = phaseDeadlineMs(phase, config);
        timer = setTimeout(
          () =>
            reject(new PhaseError(`timeout:${phase}`, `client phase ${phase} did not finish within ${deadlineMs} ms`)),
          deadlineMs,
        );
      };
      arm('start');
      child.on('message', (message: ClientToRunner) => {
        if (message.type === 'phase') {
          arm(message.phase);
          Promise.resolve(onPhase(message.phase)).catch(reject);
        } else if (message.type === 'ready') {
          // The wait for the start is the caller's to bound (its barrier or start time), not a phase's.
          clearTimeout(timer);
          options
            .beforeStart?.()
            .then(() => child.connected && child.send({ type: 'start' } satisfies RunnerToClient))
            .catch(reject);
        } else if (message.type === 'result') resolve(message.result);
        else reject(new PhaseError(message.category as never, message.message));
      });
      child.once('exit', (code, signal) =>
        reject(new PhaseError('child-crash', `client process exited (${signal ?? code}): ${stderr() || 'no output'}`)),
      );
      abort.addEventListener('abort', onAbort, { once: true });
      child.send({ type: 'run', config: { ...config, startGate: gated } } satisfies RunnerToClient);
    });
  } finally {
    // The plan's abort signal outlives this run: leave no listener on it.
    abort.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    await stopChild(child, 1000);
  }
}
