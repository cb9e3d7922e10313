/** The one client lifecycle, driven with a fake runner: the order of its phases, its gate, its stop and its window. */
import { describe, expect, it } from 'vitest';
import {
  type ClientHooks,
  type LifecycleOptions,
  type MeasuredWindow,
  runClientLifecycle,
} from './client-lifecycle.js';
import type { ClientRunResult } from './client-protocol.js';
import { Recorder } from './recorder.js';

const EMPTY: ClientRunResult = { metrics: {}, histograms: {}, timeline: [], errorCounts: {}, warnings: [] };

/** A runner whose every hook writes its name (and the recorder's state) into `events`. */
function fakeRunner(recorder: Recorder, overrides: Partial<ClientHooks> = {}) {
  const events: string[] = [];
  let window: MeasuredWindow | undefined;
  const hooks: ClientHooks = {
    connect: async () => void events.push('connect'),
    warmupStarted: () => void events.push('warmupStarted'),
    windowOpened: () => void events.push(`windowOpened measuring=${recorder.measuring}`),
    windowEnding: async () => void events.push(`windowEnding measuring=${recorder.measuring}`),
    windowClosed: () => void events.push(`windowClosed measuring=${recorder.measuring}`),
    close: async () => void events.push('close'),
    summarise: (measured) => {
      events.push('summarise');
      window = measured;
      return EMPTY;
    },
    ...overrides,
  };
  return { events, hooks, window: () => window };
}

function options(recorder: Recorder, events: string[], more: Partial<LifecycleOptions> = {}): LifecycleOptions {
  return {
    warmupMs: 50,
    durationMs: 100,
    recorder,
    onPhase: (phase) => events.push(`phase:${phase}`),
    stopSignal: new AbortController().signal,
    ...more,
  };
}

describe('runClientLifecycle', () => {
  it('drives the phases in order and calls each hook in its phase, timings on only inside the window', async () => {
    const recorder = new Recorder();
    const runner = fakeRunner(recorder);
    await runClientLifecycle(options(recorder, runner.events), runner.hooks);
    expect(runner.events).toEqual([
      'phase:connecting',
      'connect',
      'phase:warmup',
      'warmupStarted',
      'phase:measuring',
      'windowOpened measuring=false',
      'windowEnding measuring=true',
      'windowClosed measuring=false',
      'phase:closing',
      'close',
      'summarise',
    ]);
  });

  it('awaits the start gate after connecting and before the warm-up', async () => {
    const recorder = new Recorder();
    const runner = fakeRunner(recorder);
    let open: () => void = () => undefined;
    const startGate = () => {
      runner.events.push('gate');
      return new Promise<void>((resolve) => (open = resolve));
    };
    const run = runClientLifecycle(options(recorder, runner.events, { startGate }), runner.hooks);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runner.events).toEqual(['phase:connecting', 'connect', 'gate']);
    open();
    await run;
    expect(runner.events.slice(2, 4)).toEqual(['gate', 'phase:warmup']);
  });

  it('times the window it measured: the duration, and startNs to endNs', async () => {
    const recorder = new Recorder();
    const runner = fakeRunner(recorder);
    const startMs = performance.now();
    await runClientLifecycle(options(recorder, runner.events, { warmupMs: 100, durationMs: 200 }), runner.hooks);
    const totalMs = performance.now() - startMs;
    const window = runner.window()!;
    expect(window.ms).toBe((window.endNs - window.startNs) / 1e6);
    expect(window.ms).toBeGreaterThanOrEqual(195);
    // The warm-up is not in it.
    expect(window.ms).toBeLessThan(totalMs - 90);
    expect(window.usage.cpuPct).toBeGreaterThanOrEqual(0);
  });

  it('keeps what windowEnding waits for inside the window', async () => {
    const recorder = new Recorder();
    const runner = fakeRunner(recorder, { windowEnding: () => new Promise((resolve) => setTimeout(resolve, 150)) });
    await runClientLifecycle(options(recorder, runner.events, { warmupMs: 0, durationMs: 50 }), runner.hooks);
    expect(runner.window()!.ms).toBeGreaterThanOrEqual(190);
  });

  it('a stop during the warm-up ends it at once, and the run still measures, closes and summarises', async () => {
    const recorder = new Recorder();
    const stop = new AbortController();
    const runner = fakeRunner(recorder, { warmupStarted: () => void setTimeout(() => stop.abort(), 20) });
    const startMs = performance.now();
    await runClientLifecycle(
      options(recorder, runner.events, { warmupMs: 5000, durationMs: 5000, stopSignal: stop.signal }),
      runner.hooks,
    );
    expect(performance.now() - startMs).toBeLessThan(1000);
    expect(runner.events.slice(-3)).toEqual(['phase:closing', 'close', 'summarise']);
    expect(runner.window()!.ms).toBeLessThan(100);
  });

  it('a stop that came before the run does not wait for the warm-up or the window', async () => {
    const recorder = new Recorder();
    const stop = new AbortController();
    stop.abort();
    const runner = fakeRunner(recorder);
    const startMs = performance.now();
    await runClientLifecycle(
      options(recorder, runner.events, { warmupMs: 5000, durationMs: 5000, stopSignal: stop.signal }),
      runner.hooks,
    );
    expect(performance.now() - startMs).toBeLessThan(1000);
    expect(runner.events.at(-1)).toBe('summarise');
  });

  it('ends the warm-up and the window once every connection has ended by itself', async () => {
    const recorder = new Recorder();
    let end: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const runner = fakeRunner(recorder, {
      ended: () => ended,
      windowOpened: () => void setTimeout(end, 30),
    });
    const startMs = performance.now();
    await runClientLifecycle(options(recorder, runner.events, { warmupMs: 50, durationMs: 5000 }), runner.hooks);
    expect(performance.now() - startMs).toBeLessThan(1000);
    expect(runner.window()!.ms).toBeLessThan(500);
  });

  it('closes the connections of a run that fails, without a closing phase, and rethrows', async () => {
    const recorder = new Recorder();
    const runner = fakeRunner(recorder, {
      connect: async () => {
        runner.events.push('connect');
        throw Object.assign(new Error('refused'), { category: 'connect' });
      },
    });
    await expect(runClientLifecycle(options(recorder, runner.events), runner.hooks)).rejects.toMatchObject({
      category: 'connect',
    });
    expect(runner.events).toEqual(['phase:connecting', 'connect', 'close']);
  });
});
