/**
 * Child processes in other languages (Python, Java): spawned with pipes, bounded in time, killed on
 * a deadline or an abort, and tracked so none outlives the runner. They cannot take part in the
 * runner's IPC protocol, so they report through one JSON line on stdout instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PhaseError } from '../phase-error.js';

/** Output kept per stream; a client's summary is one short line, the rest is diagnostics. */
const MAX_CAPTURE_BYTES = 1024 * 1024;

const live = new Set<ChildProcess>();

/** What a foreign process did, once it has exited. */
export interface ForeignExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export interface ForeignRunOptions {
  /** Killed (SIGKILL) when still running after this long; the run then fails with timeout:<phase>. */
  deadlineMs: number;
  /** Names the timeout category, e.g. `foreign-client`. */
  phase: string;
  abort?: AbortSignal;
}

/** Spawns a tracked child with piped stdio; it is killed with the runner if nothing else stops it. */
export function spawnForeign(command: string, args: readonly string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // A spawn failure (ENOENT) also ends the child's life: without a listener it would throw.
  child.once('error', () => live.delete(child));
  return child;
}

/** Resolves once the child has exited, killing it first if it is still running. */
export async function killForeign(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** How many foreign children are alive (tests check that none are left). */
export function liveForeignCount(): number {
  return live.size;
}

function capture(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    if (text.length < MAX_CAPTURE_BYTES) text += chunk;
  });
  return () => text;
}

/** Runs `command args` to completion within the deadline; a spawn failure is a `config` error. */
export async function runForeignProcess(
  command: string,
  args: readonly string[],
  options: ForeignRunOptions,
): Promise<ForeignExit> {
  const startMs = performance.now();
  const child = spawnForeign(command, args);
  child.stdin?.end();
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => void killForeign(child);
  try {
    return await new Promise<ForeignExit>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new PhaseError(
            `timeout:${options.phase}`,
            `${command} did not finish within ${options.deadlineMs} ms: ${stderr().slice(-500) || 'no output'}`,
          ),
        );
      }, options.deadlineMs);
      options.abort?.addEventListener('abort', onAbort, { once: true });
      child.once('error', (err) => reject(new PhaseError('config', `could not start ${command}: ${err.message}`)));
      // 'close', not 'exit': the output pipes are drained by then.
      child.once('close', (exitCode, signal) =>
        resolve({ exitCode, signal, stdout: stdout(), stderr: stderr(), wallMs: performance.now() - startMs }),
      );
    });
  } finally {
    clearTimeout(timer);
    options.abort?.removeEventListener('abort', onAbort);
    await killForeign(child);
  }
}

// Last line of defence: whatever way the runner leaves, its foreign children go with it.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
