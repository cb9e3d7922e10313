import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable, requireChromium, requireExecutable } from './foreign-runtime.js';

const tempDirs: string[] = [];
afterEach(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'foreign-runtime-'));
  tempDirs.push(dir);
  return dir;
}

describe('foreign runtimes', () => {
  it('finds an executable on the search path and skips files that may not be executed', () => {
    const [plain, executable] = [tempDir(), tempDir()];
    writeFileSync(path.join(plain, 'python3'), '', { mode: 0o644 });
    writeFileSync(path.join(executable, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findExecutable('python3', [plain, executable].join(path.delimiter))).toBe(path.join(executable, 'python3'));
  });

  it.each([
    ['python3', 'apt-get install -y python3'],
    ['java', 'apt-get install -y openjdk-17-jre-headless'],
    ['javac', 'apt-get install -y openjdk-17-jdk-headless'],
  ] as const)('names the install command when %s is missing, as a config error', (name, hint) => {
    expect(() => requireExecutable(name, tempDir())).toThrow(
      expect.objectContaining({ category: 'config', message: expect.stringContaining(hint) }),
    );
  });

  it('names the install script when chromium is missing', () => {
    expect(() => requireChromium(path.join(tempDir(), 'chromium'))).toThrow(
      expect.objectContaining({ category: 'config', message: expect.stringContaining('install-system-packages.sh') }),
    );
  });
});
