/**
 * Counts the lines of source that do something: not blank, not only a comment. A line with code and
 * a trailing comment counts; a line inside a block comment does not. Strings holding comment
 * markers could fool it, which is why it is only used on our own client files (checked by a test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** Code lines of a source text (see above). */
export function countCodeLines(source: string): number {
  let inBlock = false;
  let count = 0;
  for (const rawLine of source.split('\n')) {
    let line = rawLine.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        line = '';
        break;
      }
      line = line.slice(end + 2).trim();
    }
    if (line !== '' && !line.startsWith('//')) count++;
  }
  return count;
}

/** Code lines of a file of this repository, read now (the .ts source, not the compiled output). */
export function countRepoFileLines(relativePath: string): number {
  return countCodeLines(readFileSync(path.join(REPO_ROOT, relativePath), 'utf8'));
}
