/** The wire check as a user runs it (compiled, from dist/): its table, exit codes, nothing left running. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';
import { findProcessesWithEnv } from '../process-scan.js';

const CLI = path.join(REPO_ROOT, 'dist', 'bench', 'wire', 'verify-wire.js');
const TAG = 'SSE_WS_BENCH_WIRE_TEST';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  tag: string;
}

function runVerifyWire(env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [CLI], { env: { ...env, [TAG]: tag }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data));
  child.stderr.on('data', (data: Buffer) => (stderr += data));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, tag })));
}

describe('verify-wire CLI', () => {
  it('prints harness against capture for every sample and exits 0 when all match', async () => {
    const run = await runVerifyWire();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const samples = [
      'tcp-ipv4',
      'http-chunked',
      'ws',
      'sse-stream-text-16',
      'sse-stream-text-1024',
      'sse-stream-binary-1024',
      'ws-stream-text-16',
      'ws-stream-text-1024',
      'ws-stream-binary-1024',
      'ws-upstream',
      'sse-post-upstream',
    ];
    for (const sample of samples) expect(run.stdout).toMatch(new RegExp(`^${sample} .* ok$`, 'm'));
    expect(run.stdout).not.toMatch(/DIFFERS|MISMATCH|UNCLAIMED|NOT CAPTURED/);
    expect(run.stdout).toContain('wire check: every count matches the capture');
    expect(findProcessesWithEnv(TAG, run.tag)).toEqual([]); // no dumpcap or tshark outlived it
  });

  it('exits 2 and names the install script when the capture tools are missing', async () => {
    const run = await runVerifyWire({ ...process.env, PATH: '/nonexistent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\[config\].*bench\/setup\/install-system-packages\.sh/);
  });
});
