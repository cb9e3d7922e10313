import { describe, expect, it } from 'vitest';
import { PhaseError } from '../phase-error.js';
import { findExecutable } from './foreign-runtime.js';
import { liveForeignCount, runForeignProcess } from './foreign-process.js';

const python = findExecutable('python3');

describe('runForeignProcess', () => {
  it('returns the exit code and both outputs once the process is done', async () => {
    expect(python, 'python3 is needed: apt-get install -y python3').toBeDefined();
    const exit = await runForeignProcess(
      python!,
      ['-c', 'import sys; print("out"); print("err", file=sys.stderr); sys.exit(3)'],
      { deadlineMs: 10_000, phase: 'test' },
    );
    expect(exit).toMatchObject({ exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
    expect(exit.wallMs).toBeGreaterThan(0);
  });

  it('kills a process that overstays its deadline and fails with timeout:<phase>, leaving nothing behind', async () => {
    const startMs = performance.now();
    const run = runForeignProcess(python!, ['-c', 'import time; time.sleep(60)'], {
      deadlineMs: 300,
      phase: 'test-sleep',
    });
    await expect(run).rejects.toMatchObject({ category: 'timeout:test-sleep' });
    expect(performance.now() - startMs).toBeLessThan(10_000);
    expect(liveForeignCount()).toBe(0);
  });

  it('kills the process when the run is aborted', async () => {
    const abort = new AbortController();
    const run = runForeignProcess(python!, ['-c', 'import time; time.sleep(60)'], {
      deadlineMs: 30_000,
      phase: 'test',
      abort: abort.signal,
    });
    setTimeout(() => abort.abort(), 200);
    const exit = await run;
    expect(exit.signal).toBe('SIGKILL');
    expect(liveForeignCount()).toBe(0);
  });

  it('fails with a config error when the command does not exist', async () => {
    const run = runForeignProcess('/nonexistent/runtime', [], { deadlineMs: 5000, phase: 'test' });
    await expect(run).rejects.toBeInstanceOf(PhaseError);
    await expect(run).rejects.toMatchObject({ category: 'config' });
    expect(liveForeignCount()).toBe(0);
  });
});
