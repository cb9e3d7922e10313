/**
 * A server process's open-files limit (RLIMIT_NOFILE), read and raised from outside: Node has no
 * setrlimit, and it already lifts its own soft limit to the hard one at start-up. Raising the hard
 * limit needs root (CAP_SYS_RESOURCE); util-linux's `prlimit --pid` does it on the running process,
 * up to the kernel's fs.nr_open. Without root the limit stays, and the caller is told how far it got.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface OpenFilesLimit {
  soft: number;
  hard: number;
}

/** Parses the `Max open files` row of /proc/<pid>/limits. */
export function parseOpenFilesLimit(limits: string): OpenFilesLimit {
  const row = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
  if (row === null) throw new Error('no "Max open files" row in /proc/<pid>/limits');
  const value = (text: string) => (text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text));
  return { soft: value(row[1]!), hard: value(row[2]!) };
}

export function readOpenFilesLimit(pid: number): OpenFilesLimit {
  return parseOpenFilesLimit(readFileSync(`/proc/${pid}/limits`, 'utf8'));
}

/** The kernel's ceiling for any process's limit. */
function kernelCeiling(): number {
  try {
    return Number(readFileSync('/proc/sys/fs/nr_open', 'utf8').trim());
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Raises the process's soft and hard limits to at least `wanted` open files when they are lower,
 * as far as the kernel and our privileges allow; returns the limit it has afterwards.
 */
export function raiseOpenFilesLimit(pid: number, wanted: number): OpenFilesLimit {
  const before = readOpenFilesLimit(pid);
  if (before.soft >= wanted) return before;
  const target = Math.min(wanted, kernelCeiling());
  try {
    execFileSync('prlimit', ['--pid', String(pid), `--nofile=${target}:${Math.max(target, before.hard)}`], {
      stdio: 'ignore',
    });
  } catch {
    // Not root (or no prlimit): at least lift the soft limit to the hard one, which anyone may.
    if (before.soft < before.hard) {
      try {
        execFileSync('prlimit', ['--pid', String(pid), `--nofile=${before.hard}:${before.hard}`], { stdio: 'ignore' });
      } catch {
        // The limit stays; the caller reports what it got.
      }
    }
  }
  return readOpenFilesLimit(pid);
}
