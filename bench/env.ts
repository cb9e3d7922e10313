/**
 * The machine, runtime and code a run measured, recorded in every results document so a figure is
 * never read without the context that produced it (mitata style: every result carries its machine).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Environment {
  node: string;
  platform: string;
  release: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryMiB: number;
  hostname: string;
  /** Installed versions of the packages whose code is on the measured path or draws the report. */
  packages: Record<string, string>;
  /** `unknown` when the code is not in a git checkout (a tarball, say). */
  gitSha: string;
  /** True when the working tree had uncommitted changes: the sha alone does not name the code. */
  gitDirty: boolean;
  /** The command line, shell-quoted, so a reader can run the same thing again. */
  command: string;
}

/** The packages whose versions a reader needs to reproduce a result. */
export const RECORDED_PACKAGES = [
  'ws',
  'eventsource-parser',
  'hdr-histogram-js',
  'autocannon',
  'vega',
  'vega-lite',
  'asciichart',
] as const;

const NOT_INSTALLED = 'not installed';
const UNKNOWN_SHA = 'unknown';

/**
 * Describes this machine, runtime and checkout.
 * @param argv the full `process.argv` (node executable first, then the script, then its arguments).
 */
export function collectEnvironment(argv: string[]): Environment {
  const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryMiB: Math.round(os.totalmem() / 1048576),
    hostname: os.hostname(),
    packages: readPackageVersions(repoRoot),
    gitSha: readGitSha(repoRoot),
    gitDirty: readGitDirty(repoRoot),
    command: formatCommand(argv, process.cwd()),
  };
}

/** Walks up from `startDir` to the folder holding package.json (works from both src and dist/). */
export function findRepoRoot(startDir: string): string {
  let dir = startDir;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return startDir;
    dir = parent;
  }
  return dir;
}

/** Reads `node_modules/<pkg>/package.json` directly: several packages do not export that path. */
export function readPackageVersions(
  repoRoot: string,
  names: readonly string[] = RECORDED_PACKAGES,
): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    const manifestPath = join(repoRoot, 'node_modules', name, 'package.json');
    versions[name] = existsSync(manifestPath) ? readManifestVersion(manifestPath) : NOT_INSTALLED;
  }
  return versions;
}

function readManifestVersion(manifestPath: string): string {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : NOT_INSTALLED;
}

function runGit(repoRoot: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a checkout, or git missing: the environment says `unknown` rather than failing the run.
    return undefined;
  }
}

function readGitSha(repoRoot: string): string {
  return runGit(repoRoot, ['rev-parse', 'HEAD']) ?? UNKNOWN_SHA;
}

function readGitDirty(repoRoot: string): boolean {
  const status = runGit(repoRoot, ['status', '--porcelain']);
  return status !== undefined && status.length > 0;
}

/** `node <script relative to cwd> <args…>`, each argument quoted only when a shell needs it. */
export function formatCommand(argv: string[], cwd: string): string {
  const [, script, ...args] = argv;
  if (script === undefined) return 'node';
  const scriptPath = script.startsWith('/') ? relative(cwd, script) || script : script;
  return ['node', scriptPath, ...args].map(quoteShellArgument).join(' ');
}

function quoteShellArgument(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
