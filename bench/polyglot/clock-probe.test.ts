/**
 * The clock check, pure and for real: Python's time.monotonic_ns() and Java's System.nanoTime()
 * must read the clock process.hrtime reads (CLOCK_MONOTONIC), and a different clock must be caught.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkForeignClock, judgeClockReadings } from './clock-probe.js';
import { prepareForeignRuntime } from './foreign-clients.js';
import { findExecutable } from './foreign-runtime.js';
import { liveForeignCount } from './foreign-process.js';

afterEach(() => expect(liveForeignCount()).toBe(0));

describe('judgeClockReadings', () => {
  it('finds no mismatch when every foreign reading lies between its brackets', () => {
    const check = judgeClockReadings([
      { beforeNs: 100n, foreignNs: 100n, afterNs: 300n },
      { beforeNs: 1000n, foreignNs: 1500n, afterNs: 2000n },
      { beforeNs: 5000n, foreignNs: 5100n, afterNs: 5100n },
    ]);
    expect(check).toEqual({ samples: 3, mismatchUs: 0, windowP50Us: 0.2 }); // windows 0.2, 1 and 0.1 µs
  });

  it('reports the worst distance outside a bracket, on either side', () => {
    const check = judgeClockReadings([
      { beforeNs: 10_000n, foreignNs: 7_000n, afterNs: 11_000n },
      { beforeNs: 20_000n, foreignNs: 26_000n, afterNs: 21_000n },
    ]);
    expect(check.mismatchUs).toBe(5);
  });
});

describe('checkForeignClock', () => {
  it("finds python's time.monotonic_ns() inside hrtime brackets: the same clock", async () => {
    const probe = (await prepareForeignRuntime('python')).clockProbe;
    const check = await checkForeignClock(probe.command, probe.args);
    expect(check.samples).toBe(20);
    expect(check.mismatchUs).toBe(0);
    expect(check.windowP50Us).toBeGreaterThan(0);
  });

  it("finds java's System.nanoTime() inside hrtime brackets: the same clock", async () => {
    const probe = (await prepareForeignRuntime('java')).clockProbe;
    const check = await checkForeignClock(probe.command, probe.args);
    expect(check.mismatchUs).toBe(0);
  });

  it('catches a different clock (wall-clock time.time_ns()) by far more than a bracket', async () => {
    const python = findExecutable('python3');
    expect(python, 'python3 is needed: apt-get install -y python3').toBeDefined();
    const wallClock = 'import sys, time\nfor _ in sys.stdin: print(time.time_ns(), flush=True)';
    const check = await checkForeignClock(python!, ['-c', wallClock], 3);
    expect(check.mismatchUs).toBeGreaterThan(1e6);
  });
});
