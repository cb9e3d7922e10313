/**
 * Compiles the Java clients (clients/polyglot/java) with the JDK's javac at run time: no Maven, no
 * jar in the repository. Classes are cached under dist/polyglot-java/<hash of the sources>, so a run
 * compiles once per change of the sources, and two runs compiling at once cannot see half a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { PhaseError } from '../phase-error.js';
import { runForeignProcess } from './foreign-process.js';

export const JAVA_SOURCE_DIR = path.join(REPO_ROOT, 'clients', 'polyglot', 'java');
export const JAVA_CACHE_DIR = path.join(REPO_ROOT, 'dist', 'polyglot-java');
/** The oldest JDK the sources are written for (records, switch expressions, pattern instanceof). */
export const JAVA_RELEASE = '17';
const COMPILE_DEADLINE_MS = 120_000;

/** The Java sources, sorted so the hash does not depend on directory order. */
export function listJavaSources(sourceDir: string = JAVA_SOURCE_DIR): string[] {
  return readdirSync(sourceDir)
    .filter((name) => name.endsWith('.java'))
    .sort()
    .map((name) => path.join(sourceDir, name));
}

/** A short hash of the sources' names and contents (and the target release): the cache key. */
export function hashJavaSources(sources: readonly string[]): string {
  const hash = createHash('sha256').update(`release ${JAVA_RELEASE}\n`);
  for (const file of sources)
    hash
      .update(`${path.basename(file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The directory holding the compiled classes, compiling first when the cache has none for these
 * sources. Compiles into a temporary directory and renames it into place, so a reader sees all the
 * classes or none; a concurrent compile that got there first wins and this one's output is dropped.
 */
export async function buildJavaClients(
  javac: string,
  options: { sourceDir?: string; cacheDir?: string } = {},
): Promise<string> {
  const sources = listJavaSources(options.sourceDir);
  const cacheDir = options.cacheDir ?? JAVA_CACHE_DIR;
  const classDir = path.join(cacheDir, hashJavaSources(sources));
  if (existsSync(classDir)) return classDir;
  mkdirSync(cacheDir, { recursive: true });
  const tempDir = mkdtempSync(path.join(cacheDir, '.compiling-'));
  try {
    const result = await runForeignProcess(
      javac,
      ['--release', JAVA_RELEASE, '-encoding', 'UTF-8', '-Xlint:all', '-Werror', '-d', tempDir, ...sources],
      { deadlineMs: COMPILE_DEADLINE_MS, phase: 'javac' },
    );
    if (result.exitCode !== 0)
      throw new PhaseError(
        'internal',
        `javac failed (${result.exitCode ?? result.signal}): ${result.stderr.trim().slice(0, 2000)}`,
      );
    try {
      renameSync(tempDir, classDir);
    } catch (err) {
      if (!existsSync(classDir)) throw err;
    }
    return classDir;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
