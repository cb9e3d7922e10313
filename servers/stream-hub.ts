/**
 * The server's streams: one publisher per distinct set of stream parameters, created on first
 * subscribe and dropped once it has had no subscriber for `idleStopMs` (kept that long so a client
 * that reconnects can still resume from the replay buffer).
 */
import type { InjectionOptions } from './fault-injection.js';
import type { ScheduleMode } from './precise-wait.js';
import { Publisher } from './publisher.js';
import { streamKey, type StreamParams } from './stream-params.js';

export interface StreamHubOptions {
  replayCapacity: number;
  maxBatchMessages: number;
  idleStopMs: number;
  schedule: ScheduleMode;
  inject?: InjectionOptions;
  /** See PublisherOptions.streamEpochNs. */
  streamEpochNs?: number;
}

export class StreamHub {
  private readonly publishers = new Map<string, Publisher>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** Messages of publishers already dropped, so the running total never goes backwards. */
  private retiredPublished = 0;

  constructor(private readonly options: StreamHubOptions) {}

  /** The publisher for these parameters, created if needed; cancels a pending idle stop. */
  acquire(params: StreamParams): Publisher {
    const key = streamKey(params);
    const idle = this.idleTimers.get(key);
    if (idle !== undefined) {
      clearTimeout(idle);
      this.idleTimers.delete(key);
    }
    let publisher = this.publishers.get(key);
    if (publisher === undefined) {
      publisher = new Publisher(params, this.options);
      this.publishers.set(key, publisher);
    }
    return publisher;
  }

  /** Call after a subscriber left: schedules the stop of a publisher nobody listens to. */
  release(publisher: Publisher): void {
    if (publisher.subscriberCount > 0) return;
    const key = streamKey(publisher.params);
    if (this.idleTimers.has(key)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(key);
      if (publisher.subscriberCount > 0) return;
      publisher.stop();
      this.retiredPublished += publisher.published;
      this.publishers.delete(key);
    }, this.options.idleStopMs);
    timer.unref();
    this.idleTimers.set(key, timer);
  }

  /** Messages produced across all streams, for CPU-per-message figures. */
  get messagesPublished(): number {
    let total = this.retiredPublished;
    for (const publisher of this.publishers.values()) total += publisher.published;
    return total;
  }

  close(): void {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const publisher of this.publishers.values()) publisher.stop();
    this.publishers.clear();
  }
}
