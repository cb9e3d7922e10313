/**
 * A little of Linux's /proc, enough to find an nginx master's workers: if the master had to be
 * killed, its workers would be orphaned (nginx does not ask for a parent-death signal), so whoever
 * stops nginx must know their pids before it signals anything.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  pid: number;
  /** The command name, as /proc shows it in parentheses. */
  comm: string;
  ppid: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The name may itself hold spaces or parentheses: it runs up to the LAST ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return { pid, comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(fields[1]) };
  } catch {
    // Gone between the directory listing and the read: not a process any more.
    return undefined;
  }
}

/** Pids whose parent is `parentPid`, right now. */
export function listChildPids(parentPid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === parentPid) children.push(stat.pid);
  }
  return children;
}

/** True while `pid` is a live process (a zombie counts as gone) named `comm`, when one is given. */
export function isProcessAlive(pid: number, comm?: string): boolean {
  const stat = readStat(pid);
  if (stat === undefined || (comm !== undefined && stat.comm !== comm)) return false;
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'latin1'));
  } catch {
    return false;
  }
}

/** SIGKILLs `pid` if it is still the process named `comm` (a recycled pid is left alone). */
export function killIfAlive(pid: number, comm: string): void {
  if (!isProcessAlive(pid, comm)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (err) {
    // ESRCH: it exited between the check and the kill, which is what we wanted.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
