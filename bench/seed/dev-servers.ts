/**
 * The dev servers of the article's front end, each proxying /api/* to the Spring server as the
 * article's setup does: Vue CLI's (`vue-cli-service serve`, webpack-dev-server underneath, with
 * Vue CLI's default devServer settings) and Vite's. Each serves the article's page
 * (seed/web/seed-page.js: fetch-event-source over POST) and runs as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { PhaseError } from '../phase-error.js';
import { findFreePort, waitUntilAccepting } from '../proxy/free-port.js';

export type DevServerKind = 'vue-cli' | 'vite';

export interface DevServerOptions {
  kind: DevServerKind;
  /** The Spring server's origin, e.g. http://127.0.0.1:41234. */
  upstream: string;
  /** Vue CLI only: set devServer.compress (absent: Vue CLI's default, which is webpack-dev-server's `true`). */
  compress?: boolean;
  host?: string;
}

export interface DevServer {
  kind: DevServerKind;
  origin: string;
  /** `@vue/cli-service 5.0.9 (webpack-dev-server 4.15.2)`, `vite 7.3.8`: read from the installed packages. */
  system: string;
  stop(): Promise<void>;
}

const WEB_DIR = path.join(REPO_ROOT, 'seed', 'web');
const START_DEADLINE_MS = 90_000;

export function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'not installed';
  }
}

function describeDevServer(kind: DevServerKind): string {
  return kind === 'vue-cli'
    ? `@vue/cli-service ${packageVersion('@vue/cli-service')} (webpack-dev-server ${packageVersion('webpack-dev-server')})`
    : `vite ${packageVersion('vite')}`;
}

function command(kind: DevServerKind, host: string, port: number): { cwd: string; args: string[] } {
  if (kind === 'vue-cli') {
    return {
      cwd: path.join(WEB_DIR, 'vue-app'),
      args: [
        path.join(REPO_ROOT, 'node_modules', '@vue', 'cli-service', 'bin', 'vue-cli-service.js'),
        'serve',
        '--host',
        host,
        '--port',
        String(port),
      ],
    };
  }
  return {
    cwd: path.join(WEB_DIR, 'vite-app'),
    args: [
      path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      '--host',
      host,
      '--port',
      String(port),
      '--strictPort',
    ],
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

export async function startDevServer(
  options: DevServerOptions,
  abort: AbortSignal = new AbortController().signal,
): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  const port = await findFreePort(host);
  const { cwd, args } = command(options.kind, host, port);
  const env = {
    ...process.env,
    SEED_UPSTREAM: options.upstream,
    BROWSER: 'none',
    ...(options.compress !== undefined ? { SEED_COMPRESS: String(options.compress) } : {}),
  };
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 8192) stderr += chunk;
  });
  const exitOnRunnerExit = () => child.kill('SIGKILL');
  process.once('exit', exitOnRunnerExit);
  const gone = new AbortController();
  child.once('exit', () => gone.abort());
  const ready = await waitUntilAccepting(host, port, START_DEADLINE_MS, AbortSignal.any([abort, gone.signal]));
  if (!ready) {
    await stopProcess(child);
    throw new PhaseError(
      'server-start',
      `${options.kind} dev server did not start on ${host}:${port}: ${stderr.trim().slice(-1500) || 'no output'}`,
    );
  }
  return {
    kind: options.kind,
    origin: `http://${host}:${port}`,
    system: describeDevServer(options.kind),
    stop: async () => {
      process.off('exit', exitOnRunnerExit);
      await stopProcess(child);
    },
  };
}
