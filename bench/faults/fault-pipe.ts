/**
 * One direction of one proxied connection: bytes from `source` pass through the active faults and
 * are written to `destination`, strictly in order.
 *
 * Why a queue and a single pump instead of stream.pipeline with Transform stages: every fault here
 * is about *when* bytes leave, and one sequential loop makes the order guarantee obvious (a jittered
 * chunk can never overtake the one before it), lets a fault set mid-stream act on the very next
 * chunk, and keeps every timer behind one AbortSignal so tearing the connection down stops it all.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { waitForCall, waitForDrain, waitMs } from './abortable-wait.js';
import type { FaultSet } from './fault-set.js';
import type { FlowDirection } from './fault-types.js';
import { planSegments } from './segment-plan.js';

/** Bytes queued before the source is paused, so a throttled direction cannot grow memory unbounded. */
const QUEUE_HIGH_WATER_BYTES = 1 << 20;
/** A bandwidth-capped stream is released in pieces worth this many ms, so pacing is smooth. */
const BANDWIDTH_PIECE_MS = 10;

interface QueuedItem {
  /** undefined marks the end of the stream (the sender's FIN). */
  chunk: Buffer | undefined;
  arrivedAtMs: number;
}

/** The two faults that end a connection once the stream reaches a byte count. */
export type LimitKind = 'reset' | 'truncate';

/** Where the stream must end, and how long after reaching it (a reset's delayMs). */
export interface StreamLimit {
  kind: LimitKind;
  offset: number;
  delayMs: number;
}

/** What the pipe reports to its connection. */
export interface PipeEvents {
  forwarded(bytes: number): void;
  dropped(bytes: number): void;
  limitReached(limit: StreamLimit): void;
  failed(error: unknown): void;
}

export class FaultPipe {
  private readonly queue: QueuedItem[] = [];
  private queuedBytes = 0;
  /** Stream offset in this direction: every fault's byte counts are measured against it. */
  private forwardedBytes = 0;
  /** Release time of the previous chunk under latency: jitter may shrink a delay, never reorder. */
  private latencyReleaseAtMs = 0;
  /** When the simulated link is free again under a bandwidth cap. */
  private bandwidthFreeAtMs = 0;
  private lastPieceAtMs = Number.NEGATIVE_INFINITY;
  private wakePump: (() => void) | undefined;
  /** The pump is parked on an empty queue, not forwarding a chunk: a new chunk may go straight out. */
  private pumpIdle = false;
  /** A black hole on this connection only (a half-open path), set by silence(); never cleared. */
  private silenced = false;
  /** A reset/truncate limit on this connection only, set by limitAfter(). */
  private localLimit: StreamLimit | undefined;

  constructor(
    private readonly flow: FlowDirection,
    private readonly source: Socket,
    private readonly destination: Socket,
    private readonly faults: FaultSet,
    private readonly signal: AbortSignal,
    private readonly events: PipeEvents,
  ) {}

  /** Starts reading the source and forwarding; runs until end of stream, a limit, or abort. */
  start(): void {
    this.source.on('data', (chunk: Buffer) => this.enqueue(chunk));
    this.source.on('end', () => this.enqueue(undefined));
    this.pump().catch((error: unknown) => this.events.failed(error));
  }

  /** Drops every later byte of this direction, and holds its FIN, for good: this connection only. */
  silence(): void {
    this.silenced = true;
  }

  /** Ends this connection (reset or truncate) once `moreBytes` beyond what was forwarded so far have gone. */
  limitAfter(kind: LimitKind, moreBytes: number, delayMs: number): void {
    this.localLimit = { kind, offset: this.forwardedBytes + moreBytes, delayMs };
  }

  /** The limit this direction has already reached (a fault set after the bytes went by). */
  reachedLimit(): StreamLimit | undefined {
    const limit = this.currentLimit();
    return limit !== undefined && this.forwardedBytes >= limit.offset ? limit : undefined;
  }

  private enqueue(chunk: Buffer | undefined): void {
    if (this.signal.aborted) {
      if (chunk !== undefined) this.events.dropped(chunk.length);
      return;
    }
    if (chunk !== undefined && this.forwardAtOnce(chunk)) return;
    this.queue.push({ chunk, arrivedAtMs: performance.now() });
    this.queuedBytes += chunk?.length ?? 0;
    if (this.queuedBytes > QUEUE_HIGH_WATER_BYTES) this.source.pause();
    this.wakePump?.();
  }

  /**
   * The fast path, for a direction no fault touches with nothing queued ahead and the destination's
   * buffer empty: the chunk is written now, with no promise or timer per chunk. Order holds (nothing
   * is ahead of it), and a fault set later applies from the next chunk, as on the queued path. It
   * matters at scale: 1,000 streams through the queued path cost the proxy more CPU than the server
   * spends producing them (reconnect-storm).
   */
  private forwardAtOnce(chunk: Buffer): boolean {
    if (
      !this.pumpIdle ||
      this.queue.length > 0 ||
      this.silenced ||
      this.localLimit !== undefined ||
      this.faults.touchesBytes(this.flow)
    )
      return false;
    if (this.destination.destroyed || !this.destination.writable || this.destination.writableLength > 0) return false;
    this.destination.write(chunk);
    this.forwardedBytes += chunk.length;
    this.lastPieceAtMs = performance.now();
    this.events.forwarded(chunk.length);
    return true;
  }

  private async pump(): Promise<void> {
    for (let item = await this.nextItem(); item !== undefined; item = await this.nextItem()) {
      const keepGoing =
        item.chunk === undefined
          ? await this.forwardEnd(item.arrivedAtMs)
          : await this.forwardChunk(item.chunk, item.arrivedAtMs);
      if (!keepGoing) return;
    }
  }

  private async nextItem(): Promise<QueuedItem | undefined> {
    while (this.queue.length === 0) {
      this.pumpIdle = true;
      const woken = await waitForCall((listener) => {
        this.wakePump = listener;
        return () => (this.wakePump = undefined);
      }, this.signal);
      this.pumpIdle = false;
      if (!woken) return undefined;
    }
    const item = this.queue.shift();
    this.queuedBytes -= item?.chunk?.length ?? 0;
    if (this.source.isPaused() && this.queuedBytes <= QUEUE_HIGH_WATER_BYTES / 2) this.source.resume();
    return item;
  }

  /** Forwards one chunk under the active faults; false when the pipe must stop. */
  private async forwardChunk(chunk: Buffer, arrivedAtMs: number): Promise<boolean> {
    if (!(await this.waitForLatency(arrivedAtMs))) return false;
    if (this.isBlackholed()) {
      this.events.dropped(chunk.length);
      return true;
    }
    const limit = this.currentLimit();
    const plan = planSegments({
      chunkBytes: chunk.length,
      streamOffset: this.forwardedBytes,
      maxPieceBytes: this.maxPieceBytes(),
      cutOffsets: this.faults.find('slice', this.flow)?.atOffsets,
      limitOffset: limit?.offset,
    });
    let sentBytes = 0;
    for (const pieceBytes of plan.pieceBytes) {
      if (!(await this.writePiece(chunk.subarray(sentBytes, sentBytes + pieceBytes)))) return false;
      sentBytes += pieceBytes;
    }
    if (sentBytes < chunk.length) this.events.dropped(chunk.length - sentBytes);
    if (!plan.reachesLimit || limit === undefined) return true;
    // A reset discards whatever is still buffered in user space, so hand the last piece over first.
    if (this.destination.writableLength > 0) await waitForDrain(this.destination, this.signal);
    this.events.limitReached(limit);
    return false;
  }

  /** Forwards the sender's FIN: held while black-holed, delayed by latency and slow close. */
  private async forwardEnd(arrivedAtMs: number): Promise<boolean> {
    while (this.isBlackholed()) {
      if (!(await waitForCall((listener) => this.faults.onChange(listener), this.signal))) return false;
    }
    if (!(await this.waitForLatency(arrivedAtMs))) return false;
    const closeDelayMs = this.faults.find('slow-close', this.flow)?.closeDelayMs ?? 0;
    if (!(await waitMs(closeDelayMs, this.signal))) return false;
    this.destination.end();
    return false;
  }

  private async writePiece(piece: Buffer): Promise<boolean> {
    if (!(await this.waitForPacing(piece.length))) return false;
    if (this.destination.destroyed || !this.destination.writable) return false;
    const flushed = this.destination.write(piece);
    this.forwardedBytes += piece.length;
    this.lastPieceAtMs = performance.now();
    this.events.forwarded(piece.length);
    return flushed || waitForDrain(this.destination, this.signal);
  }

  private waitForLatency(arrivedAtMs: number): Promise<boolean> {
    const latency = this.faults.find('latency', this.flow);
    if (latency === undefined) return Promise.resolve(!this.signal.aborted);
    const jitterMs = (Math.random() * 2 - 1) * latency.jitterMs;
    const releaseAtMs = Math.max(this.latencyReleaseAtMs, arrivedAtMs + Math.max(0, latency.latencyMs + jitterMs));
    this.latencyReleaseAtMs = releaseAtMs;
    return waitMs(releaseAtMs - performance.now(), this.signal);
  }

  /** Waits out the slice delay since the last piece and the bandwidth cap's transmission time. */
  private waitForPacing(pieceBytes: number): Promise<boolean> {
    const nowMs = performance.now();
    let releaseAtMs = nowMs;
    const sliceDelayMs = this.faults.find('slice', this.flow)?.sliceDelayMs ?? 0;
    if (sliceDelayMs > 0) releaseAtMs = Math.max(releaseAtMs, this.lastPieceAtMs + sliceDelayMs);
    const bandwidth = this.faults.find('bandwidth', this.flow);
    if (bandwidth !== undefined) {
      // The piece is delivered when its last byte has crossed the simulated link.
      releaseAtMs = Math.max(releaseAtMs, this.bandwidthFreeAtMs) + (pieceBytes * 1000) / bandwidth.bytesPerSec;
      this.bandwidthFreeAtMs = releaseAtMs;
    }
    return waitMs(releaseAtMs - nowMs, this.signal);
  }

  private maxPieceBytes(): number | undefined {
    const sliceBytes = this.faults.find('slice', this.flow)?.sliceBytes;
    const bytesPerSec = this.faults.find('bandwidth', this.flow)?.bytesPerSec;
    const paceBytes =
      bytesPerSec === undefined ? undefined : Math.max(1, Math.floor((bytesPerSec * BANDWIDTH_PIECE_MS) / 1000));
    const limits = [sliceBytes, paceBytes].filter((bytes): bytes is number => bytes !== undefined);
    return limits.length === 0 ? undefined : Math.min(...limits);
  }

  private isBlackholed(): boolean {
    return this.silenced || this.faults.find('blackhole', this.flow) !== undefined;
  }

  /** The nearest of the active truncate and reset offsets (proxy-wide and local); a reset wins a tie (it is the harsher). */
  private currentLimit(): StreamLimit | undefined {
    const reset = this.faults.find('reset', this.flow);
    const truncate = this.faults.find('truncate', this.flow);
    const limits: StreamLimit[] = [];
    if (reset !== undefined) limits.push({ kind: 'reset', offset: reset.afterBytes, delayMs: reset.delayMs });
    if (truncate !== undefined) limits.push({ kind: 'truncate', offset: truncate.afterBytes, delayMs: 0 });
    if (this.localLimit !== undefined) limits.push(this.localLimit);
    return limits.reduce<StreamLimit | undefined>(
      (nearest, limit) =>
        nearest === undefined ||
        limit.offset < nearest.offset ||
        (limit.offset === nearest.offset && limit.kind === 'reset')
          ? limit
          : nearest,
      undefined,
    );
  }
}
