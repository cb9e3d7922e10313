/**
 * Where the nginx program is. Debian installs it in /usr/sbin, which a non-root user's PATH often
 * lacks, so that directory is looked in too; NGINX_BIN overrides both (a self-built nginx, say).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What every "nginx missing" message says, so nobody has to guess how to get it. */
export const NGINX_INSTALL_HINT =
  "nginx not found (looked on PATH, in /usr/sbin and at $NGINX_BIN): run `bash bench/setup/install-system-packages.sh` as root (it installs Debian's nginx without starting its service)";

const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin'];

/** The nginx executable's path, or undefined when there is none; looked up afresh each call. */
export function findNginxBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env['NGINX_BIN'];
  if (override) return isExecutable(override) ? override : undefined;
  const dirs = [...(env['PATH'] ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  return dirs.map((dir) => join(dir, 'nginx')).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: either way not a usable nginx.
    return false;
  }
}

/** What `nginx -V` says about a build: its version and the modules it was configured without. */
export interface NginxBuild {
  version: string;
  /** e.g. `http_uwsgi_module`, from `--without-…` configure arguments (the light builds drop some). */
  modulesLeftOut: string[];
}

/** Runs `nginx -V` (it prints to stderr) and reads the version and the modules left out. */
export function readNginxBuild(binary: string): NginxBuild {
  const result = spawnSync(binary, ['-V'], { encoding: 'utf8', timeout: 5000 });
  if (result.error !== undefined) throw result.error;
  return parseNginxBuild(`${result.stdout}${result.stderr}`);
}

/** The pure half of readNginxBuild, for its `-V` text. */
export function parseNginxBuild(text: string): NginxBuild {
  const version = /nginx version: nginx\/(\S+)/.exec(text)?.[1] ?? 'unknown';
  const modulesLeftOut = [...text.matchAll(/--without-(\S+)/g)].map((m) => m[1]!);
  return { version, modulesLeftOut };
}
