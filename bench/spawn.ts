/**
 * Child processes of the runner. Every child is registered here, so one call (on Ctrl-C, on a
 * watchdog, on exit) ends them all: no server or client outlives a run. Children run compiled
 * JavaScript with plain `node`: no transpiling loader in a measured process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

const children = new Set<ChildProcess>();

/** Children always run the compiled output, also when the runner itself runs under vitest. */
export const DIST_ROOT = path.join(REPO_ROOT, 'dist') + path.sep;

/**
 * Which build's servers and clients the next children run. The A/B mode switches it between a base
 * checkout and this one before every run, so every family measures whichever build is active.
 */
let activeDistRoot = DIST_ROOT;

export function setActiveBuild(distRoot: string | undefined): void {
  activeDistRoot = distRoot === undefined ? DIST_ROOT : path.resolve(distRoot) + path.sep;
}

export function forkChild(relativeModule: string, args: string[] = [], execArgv: string[] = []): ChildProcess {
  const child = fork(`${activeDistRoot}${relativeModule}`, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves when the child has exited (at once if it already has). */
export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Asks nicely (IPC `stop`), then SIGKILLs whatever is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send({ type: 'stop' }, () => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await waitForExit(child);
  clearTimeout(timer);
}

export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

export function liveChildCount(): number {
  return children.size;
}

/** Collects a child's stderr (bounded) so a crash can be reported with its own words. */
export function captureStderr(child: ChildProcess, maxBytes = 8192): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (text.length < maxBytes) text += chunk;
  });
  return () => text.trim().slice(0, maxBytes);
}

// Last line of defence: whatever way the runner leaves, its children go with it.
process.once('exit', killAllChildren);
