/**
 * The transport-independent half of a reconnecting client: the state machine (connecting → open →
 * waiting → connecting …, until stopped), the wait between attempts, the handshake and idle
 * timeouts, and the listener calls the runner records. A transport supplies one function that makes
 * an attempt and reports back through an AttemptControl. The controls of an abandoned attempt go
 * dead, so a late 'close' from an old socket can never tear down the attempt that replaced it.
 */
import { backoffDelayMs } from './backoff.js';
import { nowNs } from './clock.js';
import type { ConnectionError } from './connection.js';
import { IdleWatchdog } from './idle-watchdog.js';
import type { ReconnectingClient, ReconnectOptions, ReconnectState } from './reconnecting-client.js';

/** How one attempt reports back to the loop; calls from an abandoned attempt are ignored. */
export interface AttemptControl {
  /** The stream is open (status and type accepted): the idle timeout takes over from the handshake timeout. */
  opened(): void;
  /** Something arrived: the idle timeout starts over. */
  alive(): void;
  /** The attempt failed or the open stream was lost: reconnect after the backoff. */
  lost(error: ConnectionError): void;
  /** Stop for good: the end of the stream (no error) or a response that forbids reconnecting. */
  stop(error?: ConnectionError): void;
}

/** Makes one attempt; returns how to tear it down at once. */
export type OpenAttempt = (control: AttemptControl) => { destroy(): void };

/** The shared state machine; a transport gives it `openAttempt` and calls start(). */
export class ReconnectLoop implements ReconnectingClient {
  state: ReconnectState = 'connecting';
  readonly stopped: Promise<ConnectionError | undefined>;
  /** The wait after a drop, before any attempt has failed; SSE's `retry:` field sets it. */
  baseDelayMs: number;
  /** Consecutive attempts that failed before the stream opened: the backoff's exponent. */
  private failures = 0;
  /** Identifies the live attempt; replaced on every attempt, cleared on teardown. */
  private token: object | undefined;
  private attempt: { destroy(): void } | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly watchdog = new IdleWatchdog();
  private finish: (error?: ConnectionError) => void = () => undefined;

  constructor(
    private readonly options: ReconnectOptions,
    private readonly openAttempt: OpenAttempt,
  ) {
    this.baseDelayMs = options.backoff.baseMs;
    this.stopped = new Promise((resolve) => (this.finish = resolve));
  }

  /** Makes the first attempt; separate from the constructor so a transport can refer to the loop. */
  start(): this {
    this.connect();
    return this;
  }

  close(): void {
    this.stop(undefined);
  }

  private connect(): void {
    this.state = 'connecting';
    this.options.listener?.onAttempt?.(nowNs());
    const control = this.createControl();
    const timeoutMs = this.options.connectTimeoutMs;
    this.watchdog.arm(timeoutMs, () =>
      control.lost({ category: 'timeout:connect', message: `no handshake within ${timeoutMs} ms` }),
    );
    this.attempt = this.openAttempt(control);
  }

  private createControl(): AttemptControl {
    const token = {};
    this.token = token;
    const isLive = () => this.token === token;
    const control: AttemptControl = {
      opened: () => {
        if (!isLive()) return;
        this.state = 'open';
        this.failures = 0;
        this.options.listener?.onOpen?.(nowNs());
        const idleMs = this.options.idleTimeoutMs;
        this.watchdog.arm(idleMs, () =>
          control.lost({ category: 'timeout:heartbeat', message: `nothing received for ${idleMs} ms` }),
        );
      },
      alive: () => {
        if (isLive()) this.watchdog.touch();
      },
      lost: (error) => {
        if (isLive()) this.reconnect(error);
      },
      stop: (error) => {
        if (isLive()) this.stop(error);
      },
    };
    return control;
  }

  private reconnect(error: ConnectionError): void {
    const atNs = nowNs();
    this.teardownAttempt();
    if (this.state === 'open') {
      this.options.listener?.onDrop?.(error, atNs);
    } else {
      this.failures++;
      this.options.listener?.onAttemptFailed?.(error, atNs);
    }
    this.state = 'waiting';
    // The spec's reconnection time is a floor: the cap never cuts a server's longer `retry:`.
    const policy = { baseMs: this.baseDelayMs, maxMs: Math.max(this.options.backoff.maxMs, this.baseDelayMs) };
    this.retryTimer = setTimeout(() => this.connect(), backoffDelayMs(this.failures, policy));
  }

  private stop(error: ConnectionError | undefined): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.teardownAttempt();
    this.finish(error);
  }

  private teardownAttempt(): void {
    this.token = undefined;
    this.watchdog.disarm();
    this.attempt?.destroy();
    this.attempt = undefined;
  }
}
