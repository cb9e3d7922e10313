/**
 * The one lifecycle of a client process's run, shared by the stream, chat, LLM and reconnect
 * runners: connecting → [start gate] → warm-up → measuring → closing. The lifecycle owns the order
 * of the phases, the stop signal, the warm-up and the window's timing, the recorder's switch and the
 * process meter; a runner owns its connections and its figures, through the hooks below.
 */
import type { ClientPhase, ClientRunConfig, ClientRunResult } from './client-protocol.js';
import { nowNs } from './clock.js';
import { startProcessMeter, type ProcessUsage } from './process-meter.js';
import type { Recorder } from './recorder.js';

/** A failure of the run with the category the runner reports (connect, config, timeout:…). */
export class ClientRunError extends Error {
  constructor(
    readonly category: string,
    message: string,
  ) {
    super(message);
  }
}

/** A timer that never keeps the process alive. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Waits for the runner's go after every connection is open (several processes measure one window). */
export type StartGate = () => Promise<void>;

/** What every runner is called with; `startGate` is awaited only when the config asks for a gate. */
export type ClientRunner = (
  config: ClientRunConfig,
  onPhase: (phase: ClientPhase) => void,
  stopSignal: AbortSignal,
  startGate?: StartGate,
) => Promise<ClientRunResult>;

/** The measured window as the lifecycle timed it. */
export interface MeasuredWindow {
  startNs: number;
  endNs: number;
  /** endNs − startNs, in ms: the throughput's denominator. */
  ms: number;
  /** This process's CPU and event-loop use over the window. */
  usage: ProcessUsage;
}

/** A runner's part of the lifecycle. Only `connect`, `close` and `summarise` are required. */
export interface ClientHooks {
  /** Phase connecting: opens every connection; throws (a ClientRunError) to fail the run. */
  connect(): Promise<void>;
  /** Warm-up begins (chat's senders and the LLM users start here). */
  warmupStarted?(): void;
  /**
   * Settles once every connection has finished by itself (bounded streams at their end marker,
   * LLM users all done): it ends the warm-up and the window early. Asked for when warm-up begins.
   */
  ended?(): Promise<unknown>;
  /** The window opens at `startNs`: take the counters it is measured against. */
  windowOpened?(startNs: number): void;
  /**
   * The window's time is up (or the run was stopped), still inside the window: a runner that lets
   * what is in flight finish (an LLM answer) waits for it here.
   */
  windowEnding?(): Promise<void>;
  /** The window closed at `endNs` (recorder stopped): take the counters again. */
  windowClosed?(endNs: number): void;
  /** Phase closing, and on any failure: closes every connection, within the runner's own grace. */
  close(): Promise<void>;
  /** Turns what was recorded into the result; after close. */
  summarise(window: MeasuredWindow): ClientRunResult;
}

export interface LifecycleOptions {
  warmupMs: number;
  durationMs: number;
  /** Its timings count only inside the window. */
  recorder: Recorder;
  onPhase: (phase: ClientPhase) => void;
  /** Ends the warm-up or the window early; the run still closes and summarises. */
  stopSignal: AbortSignal;
  /** Awaited after connecting, before the warm-up; absent, the warm-up follows at once. */
  startGate?: StartGate;
}

/** Settles when the signal aborts, or at once if it already has. */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** The gate a runner passes on: the caller's when the config asks for one, none otherwise. */
export function gateOf(config: ClientRunConfig, startGate: StartGate | undefined): StartGate | undefined {
  return config.startGate ? startGate : undefined;
}

/**
 * Drives one run through its phases. A failure in any phase closes the connections (without a
 * `closing` phase: the run did not get there) and is rethrown.
 */
export async function runClientLifecycle(options: LifecycleOptions, hooks: ClientHooks): Promise<ClientRunResult> {
  const { recorder, onPhase } = options;
  const stopped = whenAborted(options.stopSignal);
  let closed = false;
  try {
    onPhase('connecting');
    await hooks.connect();
    if (options.startGate !== undefined) await options.startGate();

    onPhase('warmup');
    hooks.warmupStarted?.();
    const ended = hooks.ended?.();
    const early = ended === undefined ? [stopped] : [stopped, ended];
    await Promise.race([sleep(options.warmupMs), ...early]);

    onPhase('measuring');
    const startNs = nowNs();
    hooks.windowOpened?.(startNs);
    const meter = startProcessMeter();
    recorder.startMeasuring();
    await Promise.race([sleep(options.durationMs), ...early]);
    await hooks.windowEnding?.();
    recorder.stopMeasuring();
    const endNs = nowNs();
    const usage = meter();
    hooks.windowClosed?.(endNs);

    onPhase('closing');
    closed = true;
    await hooks.close();
    return hooks.summarise({ startNs, endNs, ms: (endNs - startNs) / 1e6, usage });
  } catch (err) {
    if (!closed) await hooks.close().catch(() => undefined);
    throw err;
  }
}
