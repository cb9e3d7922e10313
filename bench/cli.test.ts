/** The CLI as a user meets it: exit codes, messages, results on disk, nothing left running. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { findProcessesWithEnv } from './process-scan.js';
import type { ResultsDocument } from './results.js';

const CLI = path.join(REPO_ROOT, 'dist', 'bench', 'cli.js');
const TAG = 'SSE_WS_BENCH_TEST_RUN';
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  tag: string;
}

function runCli(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<CliRun> {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, [TAG]: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, tag })));
}

function tempResults(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  temps.push(dir);
  return path.join(dir, 'results.json');
}

describe('bad input', () => {
  it('names an unknown scenario and the fix, exits 2, and writes nothing', async () => {
    const out = tempResults();
    const run = await runCli(['--scenario', 'nope', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--scenario: unknown scenario "nope"; choose from steady/);
    expect(existsSync(out)).toBe(false);
  });
  it.each([
    [['--repeats', '0'], /--repeats: must be an integer from 1/],
    [['--profile', 'huge'], /--profile: unknown profile "huge"/],
    [['--target', 'ftp://x'], /--target: unsupported scheme ftp:/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('a short run', () => {
  it('writes the results document, prints side-by-side tables, and leaves no process behind', async () => {
    const out = tempResults();
    const run = await runCli([
      '--scenario',
      'steady',
      '--profile',
      'quick',
      '--warmup-ms',
      '100',
      '--duration-ms',
      '400',
      '--out',
      out,
      '--no-report',
    ]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/== steady ==[\s\S]*ws\/sse[\s\S]*latency_p50_us/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ResultsDocument;
    expect(doc).toMatchObject({ schema: 'sse-ws-bench/results', schemaVersion: 2, complete: true });
    expect(doc.cells.map((c) => c.id)).toEqual(['steady/sse', 'steady/ws']);
    expect(doc.cells.every((c) => c.runs.length === 1 && c.runs[0]!.status === 'ok')).toBe(true);
    expect(findProcessesWithEnv(TAG, run.tag)).toEqual([]);
  });

  it('on Ctrl-C stops, keeps what was measured, exits 130, and leaves no process behind', async () => {
    const out = tempResults();
    let sent = false;
    const run = await runCli(
      [
        '--scenario',
        'steady',
        '--repeats',
        '3',
        '--warmup-ms',
        '100',
        '--duration-ms',
        '1500',
        '--out',
        out,
        '--no-report',
      ],
      (stderr, child) => {
        if (!sent && stderr.includes('[1/6]')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(run.code).toBe(130);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ResultsDocument;
    expect(doc.complete).toBe(false);
    expect(doc.cells.flatMap((c) => c.runs).length).toBeGreaterThanOrEqual(1);
    expect(findProcessesWithEnv(TAG, run.tag)).toEqual([]);
  });
});

describe('A/B mode', () => {
  it('refuses a base checkout that was not built, exit 2', async () => {
    const run = await runCli(['--scenario', 'steady', '--ab', os.tmpdir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--ab: .*servers\/main\.js is missing: build the base checkout first/);
  });

  it('measures base and head interleaved and writes both documents and the comparison', async () => {
    const out = path.dirname(tempResults());
    const run = await runCli([
      '--scenario',
      'steady',
      '--transports',
      'ws',
      '--repeats',
      '2',
      '--warmup-ms',
      '100',
      '--duration-ms',
      '300',
      '--ab',
      REPO_ROOT,
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /\[1\/4\] base: steady\/ws[\s\S]*\[2\/4\] head: steady\/ws[\s\S]*\[3\/4\] head: steady\/ws[\s\S]*\[4\/4\] base: steady\/ws/,
    );
    for (const file of ['base.json', 'head.json', 'compare.md']) expect(existsSync(path.join(out, file))).toBe(true);
    const head = JSON.parse(readFileSync(path.join(out, 'head.json'), 'utf8')) as ResultsDocument;
    expect(head.cells[0]!.runs.length).toBe(2);
    expect(findProcessesWithEnv(TAG, run.tag)).toEqual([]);
  });
});
