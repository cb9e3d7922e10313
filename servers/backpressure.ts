/**
 * Waiting out backpressure: a congested connection calls back once its socket drains, or once it
 * closes, because a client that leaves while congested must not stall the publisher forever.
 */
import type { EventEmitter } from 'node:events';

export function onceDrainedOrClosed(drains: EventEmitter, closes: EventEmitter, callback: () => void): void {
  const done = () => {
    drains.off('drain', done);
    closes.off('close', done);
    callback();
  };
  drains.once('drain', done);
  closes.once('close', done);
}
