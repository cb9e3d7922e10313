/**
 * What every measured stream shares, SSE or WebSocket: one way in (the caller's callbacks), one way
 * out (a single outcome, settled once), an idle timer fed by every byte, and the rule for a server
 * that closes: a normal end, unless no event came yet or the end marker the user expects never did
 * (closed-early).
 */
import { nowNs } from '../../clients/clock.js';
import type { SocketMeter, SocketTimings, SocketCounts } from './socket-meter.js';
import type { StreamError } from './stream-errors.js';

export interface ReceivedEvent {
  data: string;
  /** SSE `id:` (the last event id in force), absent for WebSocket. */
  id?: string;
  /** SSE `event:` type, absent for the default `message`. */
  event?: string;
  receivedNs: number;
}

export type StreamEnd = 'end-marker' | 'server-close' | 'deadline' | 'stopped';

export interface StreamOutcome {
  /** How a stream that did not fail ended. */
  end?: StreamEnd;
  error?: StreamError;
  timings: SocketTimings & { headersNs?: number };
  counts: SocketCounts;
  events: number;
  /** The last SSE `retry:` value, in ms. */
  retryMs?: number;
}

export interface StreamCallbacks {
  /** Response headers (SSE) or the 101 (WS) arrived. */
  onOpen?(headersNs: number): void;
  /** Return 'stop' to end the stream here (the end marker). */
  onEvent(event: ReceivedEvent): 'continue' | 'stop';
}

export interface MeasuredStream {
  readonly done: Promise<StreamOutcome>;
  /** Ends the stream from our side: its deadline passed, or the run was stopped. */
  stop(end: 'deadline' | 'stopped'): void;
}

export interface StreamOptions {
  idleTimeoutMs: number;
  /** The user named an end marker, so a close before it is an error, not an end. */
  expectsEndMarker: boolean;
}

export class StreamLifecycle {
  readonly done: Promise<StreamOutcome>;
  events = 0;
  retryMs: number | undefined;
  headersNs: number | undefined;
  private settle!: (outcome: StreamOutcome) => void;
  private settled = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly meter: SocketMeter,
    private readonly options: StreamOptions,
    private readonly teardown: () => void,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    this.armIdleTimer();
    this.meter.onData(() => this.armIdleTimer());
  }

  get isSettled(): boolean {
    return this.settled;
  }

  markOpen(callbacks: StreamCallbacks): void {
    this.headersNs = nowNs();
    callbacks.onOpen?.(this.headersNs);
  }

  /** Passes an event on; ends the stream when the callback says so. */
  deliver(callbacks: StreamCallbacks, event: ReceivedEvent): void {
    if (this.settled) return;
    this.events++;
    if (callbacks.onEvent(event) === 'stop') this.end('end-marker');
  }

  end(end: StreamEnd): void {
    this.finish({ end });
  }

  fail(error: StreamError): void {
    this.finish({ error });
  }

  /** The server ended the stream: fine after events, closed-early before any or before the end marker. */
  serverClosed(detail = ''): void {
    if (this.events === 0)
      return this.fail({
        category: 'closed-early',
        message: `the server closed the stream before the first event${detail}`,
      });
    if (this.options.expectsEndMarker)
      return this.fail({
        category: 'closed-early',
        message: `the server closed the stream after ${this.events} events without sending the end marker${detail}`,
      });
    this.end('server-close');
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.settled) return;
    this.idleTimer = setTimeout(() => {
      const phase = this.headersNs === undefined ? 'before the response headers' : `after ${this.events} events`;
      this.fail({
        category: 'idle-timeout',
        message: `no byte for ${this.options.idleTimeoutMs} ms ${phase} (--idle-timeout-ms)`,
      });
    }, this.options.idleTimeoutMs);
  }

  private finish(result: Pick<StreamOutcome, 'end' | 'error'>): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.idleTimer);
    const counts = this.meter.counts();
    this.teardown();
    this.meter.destroy();
    this.settle({
      ...result,
      timings: { ...this.meter.timings, ...(this.headersNs !== undefined ? { headersNs: this.headersNs } : {}) },
      counts,
      events: this.events,
      ...(this.retryMs !== undefined ? { retryMs: this.retryMs } : {}),
    });
  }
}
