/**
 * The compare's gates on real measurements, not fixtures: the same build twice passes, a known
 * slowdown (every batch held 10 ms by a test-only server option) exits 3, a lost message exits 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';

const BENCH = path.join(REPO_ROOT, 'dist', 'bench', 'cli.js');
const COMPARE = path.join(REPO_ROOT, 'dist', 'bench', 'compare', 'cli.js');
const SHORT_RUN = [
  '--scenario',
  'steady',
  '--transports',
  'sse',
  '--repeats',
  '5',
  '--warmup-ms',
  '100',
  '--duration-ms',
  '400',
  '--quiet',
  '--no-report',
];
let dir: string;

function bench(name: string, extra: string[] = []): { file: string; code: number | null } {
  const file = path.join(dir, `${name}.json`);
  const run = spawnSync(process.execPath, [BENCH, ...SHORT_RUN, '--out', file, ...extra], { encoding: 'utf8' });
  return { file, code: run.status };
}

function compare(base: string, head: string): { code: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [COMPARE, base, head], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'compare-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compare on real runs', () => {
  let base: string;
  beforeAll(() => {
    const run = bench('base');
    expect(run.code).toBe(0);
    base = run.file;
  });

  it('passes the same build measured twice (A/A), interleaved run for run as CI should', () => {
    // Interleaved (--ab with this checkout as its own base): the machine's drift hits both sides
    // alike, as it must for an A/A to mean anything on a shared machine; one after the other, a
    // busy minute can move microsecond tails further than any threshold.
    const out = path.join(dir, 'aa');
    const run = spawnSync(process.execPath, [BENCH, ...SHORT_RUN, '--ab', REPO_ROOT, '--out', out], {
      encoding: 'utf8',
    });
    // A flag that a re-measurement does not confirm is noise: only a confirmed regression exits 3.
    expect(run.status, run.stdout.slice(-2000)).toBe(0);
  });

  it('finds a known 10 ms slowdown a regression: exit 3', () => {
    const slow = bench('slow', ['--inject', 'delay=10']);
    expect(slow.code).toBe(0);
    const result = compare(base, slow.file);
    expect(result.stdout).toMatch(/latency_p50_us[^\n]*\*\*regressed\*\*/);
    expect(result.code).toBe(3);
  });

  it('fails a build that loses messages: the bench and the compare both exit 1', () => {
    const lossy = bench('lossy', ['--inject', 'skip=50']);
    expect(lossy.code).toBe(1);
    const result = compare(base, lossy.file);
    expect(result.stdout).toMatch(/lost_count/);
    expect(result.code).toBe(1);
  });
});
