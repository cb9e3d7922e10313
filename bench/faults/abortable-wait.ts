/**
 * Waits that end early when the connection is torn down, so a pipe parked on a delay, a drain or a
 * fault change never outlives its sockets (and never keeps the process alive after close()).
 */
import type { Socket } from 'node:net';

/** Resolves true after `durationMs`, or false as soon as `signal` aborts. */
export function waitMs(durationMs: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (durationMs <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, durationMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves true when `socket` drains, false when it closes or `signal` aborts first. */
export function waitForDrain(socket: Socket, signal: AbortSignal): Promise<boolean> {
  return waitForSignal((wake) => {
    const onDrain = (): void => wake(true);
    const onClose = (): void => wake(false);
    socket.once('drain', onDrain);
    socket.once('close', onClose);
    return () => {
      socket.removeListener('drain', onDrain);
      socket.removeListener('close', onClose);
    };
  }, signal);
}

/** Resolves true at the next call of the subscribed callback, false when `signal` aborts first. */
export function waitForCall(subscribe: (listener: () => void) => () => void, signal: AbortSignal): Promise<boolean> {
  return waitForSignal((wake) => subscribe(() => wake(true)), signal);
}

/**
 * The common shape: `arm` registers listeners that call `wake(result)` and returns their cleanup;
 * whichever comes first (a wake or the abort) settles the promise and removes every listener.
 */
function waitForSignal(arm: (wake: (result: boolean) => void) => () => void, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let disarm = (): void => undefined;
    const settle = (result: boolean): void => {
      disarm();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => settle(false);
    disarm = arm(settle);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
