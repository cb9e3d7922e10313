import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireExecutable } from './foreign-runtime.js';
import { buildJavaClients, hashJavaSources, JAVA_SOURCE_DIR, listJavaSources } from './java-build.js';

const tempDirs: string[] = [];
afterEach(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'java-build-'));
  tempDirs.push(dir);
  return dir;
}

describe('buildJavaClients', () => {
  it('compiles every client once, then reuses the cached classes', async () => {
    const cacheDir = tempDir();
    const javac = requireExecutable('javac');
    const classDir = await buildJavaClients(javac, { cacheDir });
    const classes = readdirSync(classDir);
    expect(classes).toEqual(
      expect.arrayContaining([
        'SseClient.class',
        'WsClient.class',
        'ClockProbe.class',
        'Envelope.class',
        'StreamTally.class',
      ]),
    );
    const compiledAtMs = statSync(path.join(classDir, 'SseClient.class')).mtimeMs;
    expect(await buildJavaClients(javac, { cacheDir })).toBe(classDir);
    expect(statSync(path.join(classDir, 'SseClient.class')).mtimeMs).toBe(compiledAtMs);
    // Nothing half-built is left beside the cache entry.
    expect(readdirSync(cacheDir)).toEqual([path.basename(classDir)]);
  });

  it('keys the cache on the sources: an edited source gets a new entry', () => {
    const sourceDir = tempDir();
    cpSync(JAVA_SOURCE_DIR, sourceDir, { recursive: true });
    const before = hashJavaSources(listJavaSources(sourceDir));
    writeFileSync(path.join(sourceDir, 'ClockProbe.java'), '// edited\n', { flag: 'a' });
    expect(hashJavaSources(listJavaSources(sourceDir))).not.toBe(before);
  });

  it('fails with the compiler output when a source does not compile', async () => {
    const sourceDir = tempDir();
    writeFileSync(path.join(sourceDir, 'Broken.java'), 'class Broken { int x = "no"; }\n');
    await expect(
      buildJavaClients(requireExecutable('javac'), { sourceDir, cacheDir: tempDir() }),
    ).rejects.toMatchObject({ category: 'internal', message: expect.stringContaining('incompatible types') });
  });
});
