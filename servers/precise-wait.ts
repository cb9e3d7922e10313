/**
 * Waiting for a batch's due time without the timer's granularity.
 *
 * Node's timers fire on a millisecond grid, so a batch scheduled by `setTimeout` alone leaves
 * anywhere in [due, due + ~1 ms]: that lateness is in every latency figure, and it is larger than
 * the difference between the transports. The precise wait lets a timer sleep until shortly before
 * the due time, yields once to the event loop (so sockets are served), then blocks the thread
 * with `Atomics.wait` — a futex sleep that costs no CPU and wakes within the kernel's timer slack
 * (50 µs by default) — and spins only the last stretch. At 1,000 batches/s that is one timer or
 * immediate, one futex sleep and under 100 µs of spinning per batch.
 *
 * The blocked stretch delays I/O that arrives during it by up to TIMER_LEAD_NS: harmless for a
 * server that only writes on its schedule, which is the only place this runs.
 */

/** How the publisher waits: `precise` (the default) or the plain millisecond `timer`, kept to show the difference. */
export type ScheduleMode = 'precise' | 'timer';
export const SCHEDULE_MODES: readonly ScheduleMode[] = ['precise', 'timer'];

/** A timer may fire this late (1 ms grid plus a busy loop's turn): closer to the due time than this, block instead. */
export const TIMER_LEAD_NS = 1_500_000;
/** A futex sleep wakes late by the thread's timer slack (50 µs on Linux by default): spin this last stretch. */
export const SPIN_NS = 100_000;

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread until `dueNs` (process.hrtime ns): a futex sleep, then a short spin. */
export function blockUntil(dueNs: bigint): void {
  const sleepNs = Number(dueNs - process.hrtime.bigint()) - SPIN_NS;
  // Nobody ever notifies the cell: the wait always runs to its timeout.
  if (sleepNs > 0) Atomics.wait(sleepCell, 0, 0, sleepNs / 1e6);
  while (process.hrtime.bigint() < dueNs) {
    // spin: the last few tens of microseconds
  }
}

export type Cancel = () => void;

/** Calls `callback` at `dueNs`, as exactly as `mode` allows; returns a cancel function. */
export function callAt(dueNs: bigint, mode: ScheduleMode, callback: () => void): Cancel {
  const waitNs = Number(dueNs - process.hrtime.bigint());
  if (mode === 'timer') {
    const timer = setTimeout(callback, Math.max(0, waitNs / 1e6));
    return () => clearTimeout(timer);
  }
  let cancelled = false;
  const finish = () => {
    if (cancelled) return;
    blockUntil(dueNs);
    callback();
  };
  // Far off: sleep on a timer first. Near: one turn of the event loop first, so sockets are served between batches.
  if (waitNs > TIMER_LEAD_NS) {
    const timer = setTimeout(finish, (waitNs - TIMER_LEAD_NS) / 1e6);
    return () => ((cancelled = true), clearTimeout(timer));
  }
  const immediate = setImmediate(finish);
  return () => ((cancelled = true), clearImmediate(immediate));
}
