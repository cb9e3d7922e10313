/**
 * The standalone server and --target: a user's way to measure a server the harness did not start.
 * `npm run server` prints the URL; `npm run bench -- --target URL` measures it and starts no server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORT_NAMES } from '../transports/registry.js';
import { REPO_ROOT } from './paths.js';
import type { ResultsDocument } from './results.js';

const SERVER = path.join(REPO_ROOT, 'dist', 'servers', 'main.js');
const CLI = path.join(REPO_ROOT, 'dist', 'bench', 'cli.js');
const started: ChildProcess[] = [];
const temps: string[] = [];
afterEach(() => {
  started.splice(0).forEach((child) => child.kill('SIGKILL'));
  temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** Starts `servers/main.js` standalone and resolves with the URL it prints. */
function startStandalone(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  // No IPC channel: the server must behave as it does for a user at a terminal.
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening: (\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function runBench(args: string[]): Promise<number | null> {
  return new Promise((resolve) => spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' }).on('close', resolve));
}

describe('standalone server', () => {
  it.each(['sse', 'ws'] as const)('serves %s on a free port, and --target measures it', async (transport) => {
    const { url, child } = await startStandalone(['--transport', transport, '--port', '0', '--rate', '500']);
    expect(url).toMatch(
      transport === 'sse' ? /^http:\/\/127\.0\.0\.1:\d+\/stream$/ : /^ws:\/\/127\.0\.0\.1:\d+\/stream$/,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'target-'));
    temps.push(dir);
    const out = path.join(dir, 'results.json');
    const code = await runBench([
      '--scenario',
      'steady',
      '--target',
      url,
      '--warmup-ms',
      '100',
      '--duration-ms',
      '500',
      '--repeats',
      '1',
      '--out',
      out,
      '--quiet',
      '--no-report',
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ResultsDocument;
    expect(doc.plan.target).toBe(url);
    const cell = doc.cells.find((c) => c.transport === transport)!;
    expect(cell.runs[0]!.status).toBe('ok');
    expect(cell.runs[0]!.metrics.messages_received).toBeGreaterThan(0);
    expect(cell.runs[0]!.metrics.lost_count).toBe(0);
    // The other transport had no target: skipped with a warning, not measured against nothing.
    expect(doc.cells.map((c) => c.transport)).toEqual([transport]);
    expect(child.exitCode).toBeNull();
  });

  it('refuses a port in use with a clear message and exit 1', async () => {
    const { url } = await startStandalone(['--transport', 'sse', '--port', '0']);
    const port = new URL(url).port;
    const second = spawn(process.execPath, [SERVER, '--transport', 'sse', '--port', port], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    second.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const code = await new Promise((resolve) => second.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`port ${port} is in use; choose another with --port, or --port 0`));
  });

  it('rejects a bad flag with exit 2', async () => {
    const child = spawn(process.execPath, [SERVER, '--transport', 'smtp'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toContain(`--transport must be one of ${TRANSPORT_NAMES.join(', ')}, got "smtp"`);
  });
});
