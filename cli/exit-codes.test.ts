/**
 * One usage error and one exit-code table for every entry point: the table is consistent and
 * matches the README, and no source file outside cli/ grows its own usage-error class or writes an
 * exit code as a bare number.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_ALIASES } from './exit-codes.js';
import { UsageError } from './usage-error.js';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const SOURCE_FOLDERS = ['bench', 'servers', 'clients', 'reports', 'transports'];

/** The project's TypeScript sources outside cli/, tests and test scaffolding left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return ['node_modules', 'dist', '__snapshots__', 'support'].includes(entry) ? [] : sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [full] : [];
  });
}

/** `file:line: text` for every line of the sources that matches. */
function linesMatching(pattern: RegExp): string[] {
  return SOURCE_FOLDERS.flatMap((folder) => sourceFiles(path.join(REPO_ROOT, folder))).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        pattern.test(line) ? [`${path.relative(REPO_ROOT, file)}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('the exit-code table', () => {
  const entries = Object.entries(EXIT) as [keyof typeof EXIT, number][];

  it('gives each meaning its own code, except the aliases it declares', () => {
    const primary = entries.filter(([name]) => EXIT_ALIASES[name] === undefined);
    expect(new Set(primary.map(([, code]) => code)).size).toBe(primary.length);
    for (const [alias, target] of Object.entries(EXIT_ALIASES)) {
      expect(EXIT_ALIASES[target as keyof typeof EXIT], `${alias} aliases another alias`).toBeUndefined();
      expect(EXIT[alias as keyof typeof EXIT], `${alias} differs from ${target}`).toBe(
        EXIT[target as keyof typeof EXIT],
      );
    }
  });

  it('uses codes a shell can see: integers from 0 to 255, success only for ok', () => {
    for (const [name, code] of entries) {
      expect(Number.isInteger(code) && code >= 0 && code <= 255, name).toBe(true);
      if (name !== 'ok') expect(code, name).not.toBe(0);
    }
  });

  it("lists exactly the codes of the README's Exit codes table", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('### Exit codes');
    expect(start).toBeGreaterThan(-1);
    // The section ends at the next heading.
    const section = readme.slice(start).split(/\n#{2,3} /)[0]!;
    const documented = [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(documented.length).toBeGreaterThan(0);
    expect([...new Set(documented)].sort((a, b) => a - b)).toEqual(
      [...new Set(Object.values(EXIT))].sort((a, b) => a - b),
    );
  });
});

describe('UsageError', () => {
  it('reads `field: problem` with two arguments and keeps the field', () => {
    const error = new UsageError('--port', 'must be from 0 to 65535, got 70000');
    expect(error.message).toBe('--port: must be from 0 to 65535, got 70000');
    expect(error.field).toBe('--port');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
  });

  it('takes a whole message with one argument', () => {
    const error = new UsageError('expected one results file, got 0');
    expect(error.message).toBe('expected one results file, got 0');
    expect(error.field).toBeUndefined();
  });
});

describe('one source of truth', () => {
  it('no source file outside cli/ declares its own usage-error class', () => {
    expect(linesMatching(/\bclass\s+(\w*UsageError|ConfigError)\b/)).toEqual([]);
  });

  it('no source file outside cli/ writes an exit code as a bare number', () => {
    expect(linesMatching(/process\.exit\(\s*\d|process\.exitCode\s*=\s*\d/)).toEqual([]);
  });

  it('no source file outside cli/ keeps an exit-code table of its own', () => {
    expect(linesMatching(/\b(const|let)\s+(\w*EXIT_?CODES?|EXIT(_(OK|USAGE|INTERNAL))?)\s*=/)).toEqual([]);
  });
});
