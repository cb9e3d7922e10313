/** Where things live, resolved from this file so any working directory works. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this module runs from dist/bench/paths.js (or bench/paths.ts under vitest). */
export const REPO_ROOT = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  import.meta.url.includes('/dist/') ? '../..' : '..',
);

export const RUNS_DIR = path.join(REPO_ROOT, 'reports', 'runs');
/** A symlink to the newest run folder, so the latest report is always at reports/latest/REPORT.md. */
export const LATEST_LINK = path.join(REPO_ROOT, 'reports', 'latest');

export function runFolderName(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}
