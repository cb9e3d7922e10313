/**
 * A server under test, as a child process: started on port 0, ready when it says so over IPC
 * (no fixed ports, no sleeps), sampled for CPU and memory on request.
 */
import type { ChildProcess } from 'node:child_process';
import type { RunnerToServer, ServerSample, ServerToRunner } from '../servers/main.js';
import type { ServerConfig } from '../servers/server-config.js';
import { PhaseError, withDeadline } from './phase-error.js';
import { captureStderr, forkChild, stopChild, waitForExit } from './spawn.js';

export const SERVER_START_DEADLINE_MS = 10_000;

export interface ServerProcess {
  /** The process id (to read or raise its limits from outside). */
  pid: number;
  url: string;
  port: number;
  config: ServerConfig;
  sample(options?: { gc?: boolean }): Promise<ServerSample>;
  stop(): Promise<void>;
  /** SIGKILL, no goodbye (a crash); resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function startServerProcess(config: ServerConfig): Promise<ServerProcess> {
  // --expose-gc lets a sample collect garbage first, so heap per connection is not noise.
  const child = forkChild(
    'servers/main.js',
    ['--config-json', JSON.stringify({ ...config, port: 0 })],
    ['--expose-gc'],
  );
  const stderr = captureStderr(child);
  const ready = new Promise<ServerToRunner & { type: 'ready' }>((resolve, reject) => {
    child.on('message', (message: ServerToRunner) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'start-failed') reject(new PhaseError('server-start', message.message));
    });
    child.once('exit', (code, signal) =>
      reject(
        new PhaseError(
          'server-start',
          `server exited (${signal ?? code}) before it was ready: ${stderr() || 'no output'}`,
        ),
      ),
    );
  });
  let message;
  try {
    message = await withDeadline(ready, SERVER_START_DEADLINE_MS, 'server-start');
  } catch (err) {
    await stopChild(child, 0);
    throw err;
  }
  return {
    pid: child.pid!,
    url: message.url,
    port: message.port,
    config: message.config,
    sample: (options) => requestSample(child, options?.gc ?? false),
    stop: () => stopChild(child),
    kill: async () => {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
  };
}

function requestSample(child: ChildProcess, gc: boolean): Promise<ServerSample> {
  const answer = new Promise<ServerSample>((resolve, reject) => {
    const onMessage = (message: ServerToRunner) => {
      if (message.type !== 'sample') return;
      child.off('message', onMessage);
      resolve(message.sample);
    };
    child.on('message', onMessage);
    if (!child.connected) reject(new PhaseError('child-crash', 'the server process is gone'));
    else child.send({ type: 'sample', gc } satisfies RunnerToServer);
  });
  return withDeadline(answer, 5000, 'server-sample');
}
