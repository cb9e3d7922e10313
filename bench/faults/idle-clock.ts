/**
 * The idle timeout of a path (see IdleTimeoutFault) for one proxied connection: remembers when each
 * direction last forwarded a byte and fires once the directions under the fault have been quiet for
 * idleMs. One timer per connection, re-armed lazily when it fires rather than on every chunk, so a
 * busy stream costs a timestamp per chunk, not a timer.
 */
import { performance } from 'node:perf_hooks';
import type { FaultSet } from './fault-set.js';
import { FLOW_DIRECTIONS, type FlowDirection } from './fault-types.js';

interface ActiveIdleTimeout {
  idleMs: number;
  /** The latest forwarding time among the directions under the fault. */
  quietSinceMs: number;
}

/** One connection's idle timer; `onIdle` closes the connection. */
export class IdleClock {
  private readonly lastActiveMs: Record<FlowDirection, number>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly faults: FaultSet,
    private readonly onIdle: () => void,
  ) {
    // A connection that never carries a byte is idle from the moment it opened.
    const nowMs = performance.now();
    this.lastActiveMs = { up: nowMs, down: nowMs };
  }

  /** Bytes were forwarded in `flow` just now. */
  touch(flow: FlowDirection): void {
    this.lastActiveMs[flow] = performance.now();
  }

  /** Arms the timer for the idle-timeout faults active now (or disarms it when none is); fires at once if already overdue. */
  rearm(): void {
    this.stop();
    const idle = this.activeTimeout();
    if (idle === undefined) return;
    const dueInMs = idle.quietSinceMs + idle.idleMs - performance.now();
    if (dueInMs <= 0) this.onIdle();
    else this.timer = setTimeout(() => this.rearm(), dueInMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** With a timeout on both directions the shorter one applies, and traffic either way counts. */
  private activeTimeout(): ActiveIdleTimeout | undefined {
    const active = FLOW_DIRECTIONS.flatMap((flow) => {
      const fault = this.faults.find('idle-timeout', flow);
      return fault === undefined ? [] : [{ flow, idleMs: fault.idleMs }];
    });
    if (active.length === 0) return undefined;
    return {
      idleMs: Math.min(...active.map((a) => a.idleMs)),
      quietSinceMs: Math.max(...active.map((a) => this.lastActiveMs[a.flow])),
    };
  }
}
