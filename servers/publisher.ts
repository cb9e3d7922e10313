/**
 * One stream's schedule, shared by every subscriber and by both transports so SSE and WS get the
 * same messages at the same times.
 *
 * Open loop: message n is *scheduled* at start + (n-1)/rate and stamped with that time, whether or
 * not the event loop was late to send it, so a stall shows up as latency in the clients instead of
 * silently thinning the schedule (coordinated omission, as in wrk2). All messages due at a tick go
 * out as one batch, which each transport writes with one syscall per connection where it can.
 *
 * With ratePerSec = 0 the publisher runs closed-loop instead: it produces a batch, and produces the
 * next only once every subscriber's socket has drained (max-throughput).
 */
import type { Envelope } from './envelope.js';
import { applyInjection, type InjectionOptions } from './fault-injection.js';
import { makePayloadPool, type Payload } from './payloads.js';
import { blockUntil, callAt, type Cancel, type ScheduleMode } from './precise-wait.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { StreamParams } from './stream-params.js';

/**
 * A batch of messages; encodings are cached so N subscribers of one transport encode once. A batch
 * is made the moment it goes to its subscribers, so that moment is its messages' write time (the
 * envelope's write lag): with many subscribers, the later ones' service latency includes the
 * server's own loop over the earlier ones, as it should.
 */
export class Batch {
  private readonly cache = new Map<string, unknown>();
  readonly writtenNs = process.hrtime.bigint();
  constructor(readonly messages: readonly Envelope[]) {}

  encoded<T>(key: string, encode: (messages: readonly Envelope[], writtenNs: bigint) => T): T {
    let value = this.cache.get(key) as T | undefined;
    if (value === undefined) {
      value = encode(this.messages, this.writtenNs);
      this.cache.set(key, value);
    }
    return value;
  }
}

export interface Subscriber {
  deliver(batch: Batch): void;
  /** True while the connection's write buffer is above its high-water mark. */
  isCongested(): boolean;
  onceDrained(callback: () => void): void;
  /** The stream is complete: write the end marker and close. */
  end(lastSeq: number): void;
}

export interface PublisherOptions {
  replayCapacity: number;
  /** Messages per batch in closed-loop (max-throughput) mode. */
  maxBatchMessages: number;
  /** How the open loop waits for a batch's due time (see precise-wait.ts). */
  schedule: ScheduleMode;
  inject?: InjectionOptions;
  /**
   * Origin of the schedule in process.hrtime ns (one clock for every process on a host). Set, the
   * stream outlives the server process: a restarted server given the same origin continues the same
   * sequence and regenerates into its replay buffer what fell due while it was down, as a durable
   * event log lets a real server do. Unset (the default), the schedule starts at the first subscribe.
   */
  streamEpochNs?: number;
}

const NS_PER_SEC = 1_000_000_000;

export class Publisher {
  private readonly subscribers = new Set<Subscriber>();
  private readonly replay: ReplayBuffer;
  private readonly pool: Payload[];
  private startNs = 0n;
  private nextSeq = 1;
  private timer: NodeJS.Immediate | undefined;
  private cancelWait: Cancel | undefined;
  private running = false;
  private ended = false;
  /** Messages produced so far (not counting repeats injected for tests). */
  published = 0;

  constructor(
    readonly params: StreamParams,
    private readonly options: PublisherOptions,
  ) {
    this.replay = new ReplayBuffer(options.replayCapacity);
    this.pool = makePayloadPool(params.kind, params.payloadBytes);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Adds a subscriber; with `afterSeq`, first replays what it missed from the buffer. */
  subscribe(subscriber: Subscriber, afterSeq?: number): void {
    // A stream with a fixed origin catches up before replaying, so a resuming client finds what fell due while no server ran.
    if (this.hasFixedOrigin() && !this.running && !this.ended) this.start();
    if (afterSeq !== undefined) {
      const missed = this.replay.since(afterSeq);
      if (missed.length > 0) subscriber.deliver(new Batch(missed));
    }
    if (this.ended) {
      subscriber.end(this.lastSeq);
      return;
    }
    this.subscribers.add(subscriber);
    if (!this.running) this.start();
  }

  unsubscribe(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
    this.cancelWait?.();
    this.cancelWait = undefined;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The schedule's origin when it outlives this process (open loop only: a closed loop has no schedule). */
  private fixedOriginNs(): bigint | undefined {
    const epochNs = this.options.streamEpochNs;
    return epochNs !== undefined && this.params.ratePerSec > 0 ? BigInt(epochNs) : undefined;
  }

  private hasFixedOrigin(): boolean {
    return this.fixedOriginNs() !== undefined;
  }

  private start(): void {
    this.running = true;
    const originNs = this.fixedOriginNs();
    this.startNs = originNs ?? process.hrtime.bigint();
    if (originNs !== undefined) this.skipPastReplayWindow();
    if (this.params.ratePerSec > 0) this.tickScheduled();
    else this.tickClosedLoop();
  }

  /** Messages due so long ago that the replay buffer could not hold them are never produced. */
  private skipPastReplayWindow(): void {
    const elapsedNs = Number(process.hrtime.bigint() - this.startNs);
    const dueSeq = Math.floor((elapsedNs * this.params.ratePerSec) / NS_PER_SEC) + 1;
    this.nextSeq = Math.max(this.nextSeq, dueSeq - this.options.replayCapacity + 1);
  }

  private makeEnvelope(seq: number, scheduledNs: bigint): Envelope {
    const payload = this.pool[seq % this.pool.length]!;
    return {
      streamId: this.params.streamId,
      seq,
      scheduledNs,
      kind: this.params.kind,
      payload: payload.body,
      checksum: payload.checksum,
    };
  }

  private scheduledNsOf(seq: number): bigint {
    return this.startNs + BigInt(Math.round(((seq - 1) * NS_PER_SEC) / this.params.ratePerSec));
  }

  /** Produces up to `limit` messages (bounded by `count`), ends the stream when complete. */
  private produce(limit: number, stampNs: (seq: number) => bigint): Envelope[] {
    const remaining = this.params.count > 0 ? this.params.count - this.lastSeq : Infinity;
    const n = Math.min(limit, remaining);
    const batch: Envelope[] = [];
    for (let i = 0; i < n; i++) {
      const env = this.makeEnvelope(this.nextSeq, stampNs(this.nextSeq));
      this.nextSeq++;
      this.replay.push(env);
      batch.push(env);
    }
    this.published += n;
    return batch;
  }

  private publish(batch: Envelope[]): void {
    const sent = applyInjection(batch, this.options.inject);
    const complete = this.params.count > 0 && this.lastSeq >= this.params.count;
    const deliver = () => {
      if (sent.length > 0) {
        const shared = new Batch(sent);
        const lateWriteUs = this.options.inject?.lateWriteUs ?? 0;
        if (lateWriteUs > 0) blockUntil(shared.writtenNs + BigInt(Math.round(lateWriteUs * 1000)));
        for (const subscriber of this.subscribers) subscriber.deliver(shared);
      }
      if (complete) this.finish();
    };
    const delayMs = this.options.inject?.delayMs ?? 0;
    // A fixed delay keeps batches in order, so it slows the stream without reordering it.
    if (delayMs > 0) setTimeout(deliver, delayMs);
    else deliver();
  }

  private finish(): void {
    this.ended = true;
    this.stop();
    for (const subscriber of this.subscribers) subscriber.end(this.lastSeq);
    this.subscribers.clear();
  }

  private tickScheduled = (): void => {
    if (!this.running) return;
    const nowNs = process.hrtime.bigint();
    const elapsedNs = Number(nowNs - this.startNs);
    const dueSeq = Math.floor((elapsedNs * this.params.ratePerSec) / NS_PER_SEC) + 1;
    const batch = this.produce(dueSeq - this.lastSeq, (seq) => this.scheduledNsOf(seq));
    if (batch.length > 0) this.publish(batch);
    if (!this.running || this.ended || (this.params.count > 0 && this.lastSeq >= this.params.count)) return;
    this.cancelWait = callAt(this.scheduledNsOf(this.nextSeq), this.options.schedule, this.tickScheduled);
  };

  private tickClosedLoop = (): void => {
    if (!this.running) return;
    // Nobody to pace against: pause rather than spin, and resume on the next subscribe.
    if (this.subscribers.size === 0) {
      this.running = false;
      return;
    }
    const batch = this.produce(this.options.maxBatchMessages, () => process.hrtime.bigint());
    if (batch.length > 0) this.publish(batch);
    if (!this.running || this.ended) return;
    const congested = [...this.subscribers].filter((s) => s.isCongested());
    if (congested.length === 0) {
      this.timer = setImmediate(this.tickClosedLoop);
      return;
    }
    // Wait for every congested subscriber: the stream goes at the pace of its slowest reader.
    let waiting = congested.length;
    for (const subscriber of congested) {
      subscriber.onceDrained(() => {
        if (--waiting === 0 && this.running) this.timer = setImmediate(this.tickClosedLoop);
      });
    }
  };
}
