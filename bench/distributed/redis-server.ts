/**
 * A private Redis for the tests and CI: Debian's `redis-server` on a free loopback port, persistence
 * off (no RDB snapshots, no append-only file), its working folder a temporary one. `stop()` ends it
 * and removes the folder; should the caller die first, an exit hook does the same, so no Redis
 * process or file outlives the process that started it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const READY_DEADLINE_MS = 10_000;
const READY_LINE = 'Ready to accept connections';

/** A port the kernel just gave out and took back: free now, as good as it gets without Redis binding port 0. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function startOnce(port: number, dir: string): Promise<{ child: ChildProcess } | { retry: string }> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--logfile',
      '',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not get ready within ${READY_DEADLINE_MS} ms: ${output.slice(-500)}`));
    }, READY_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new Error(
              "redis-server not found: install Debian's redis-server (bash bench/setup/install-system-packages.sh)",
            )
          : err,
      );
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (/address already in use/i.test(output)) resolve({ retry: output });
      else reject(new Error(`redis-server exited (${signal ?? code}) before it was ready: ${output.slice(-500)}`));
    });
  });
}

/** Starts a private Redis on a free loopback port; retries a few ports should another process take one first. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sse-ws-bench-redis-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let lastOutput = '';
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freeLoopbackPort();
      const started = await startOnce(port, dir);
      if ('retry' in started) {
        lastOutput = started.retry;
        continue;
      }
      const { child } = started;
      const onExit = () => {
        if (!exited(child)) child.kill('SIGKILL');
        removeDir();
      };
      process.once('exit', onExit);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          process.off('exit', onExit);
          if (!exited(child)) {
            const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
            await gone;
            clearTimeout(timer);
          }
          removeDir();
        },
      };
    }
  } catch (err) {
    removeDir();
    throw err;
  }
  removeDir();
  throw new Error(`redis-server found no free port in 5 tries: ${lastOutput.slice(-300)}`);
}
