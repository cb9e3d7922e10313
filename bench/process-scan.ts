/**
 * Finds live processes by an environment marker (Linux /proc). Tests tag a runner with a unique
 * value; any process still carrying it after the runner exits is a leak.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function findProcessesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read: either way not a leak of ours.
    }
  }
  return pids;
}
