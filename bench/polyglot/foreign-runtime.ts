/**
 * Where the foreign runtimes are, and what to install when one is missing. A missing runtime makes
 * its cells fail with a `config` error naming the install command, never a made-up figure.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { PhaseError } from '../phase-error.js';

/** The executables the polyglot cells run, with the Debian command that provides each. */
export const INSTALL_HINTS = {
  python3: 'apt-get install -y python3',
  java: 'apt-get install -y openjdk-17-jre-headless',
  javac: 'apt-get install -y openjdk-17-jdk-headless',
} as const;

export type ForeignExecutable = keyof typeof INSTALL_HINTS;

/** Debian's Chromium, driven by playwright-core; playwright's own browser download is not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT =
  'bash bench/setup/install-system-packages.sh (as root; it runs apt-get install chromium)';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on the search path that may be executed, or undefined. */
export function findExecutable(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The executable's path; throws a `config` PhaseError with the install command when it is missing. */
export function requireExecutable(name: ForeignExecutable, searchPath?: string): string {
  const found = findExecutable(name, searchPath);
  if (found === undefined)
    throw new PhaseError('config', `${name} not found on PATH; install it with: ${INSTALL_HINTS[name]}`);
  return found;
}

/** Chromium's path; throws a `config` PhaseError with the install command when it is missing. */
export function requireChromium(executablePath: string = CHROMIUM_PATH): string {
  if (!isExecutable(executablePath))
    throw new PhaseError(
      'config',
      `chromium not found at ${executablePath}; install it with: ${CHROMIUM_INSTALL_HINT}`,
    );
  return executablePath;
}
