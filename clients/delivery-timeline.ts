/**
 * Messages received per bucket of the measured window, with the latency p50/p99 of each bucket.
 * Buckets are short (the fault runs use 100 ms) so an outage of a few hundred ms shows as empty
 * buckets and the replay after it as a burst with high latency; empty buckets are kept on purpose.
 */
import type * as hdr from 'hdr-histogram-js';
import { createHistogram, type TimelinePointUs } from './recorder.js';

/** Buckets of `bucketMs` from start() to stop(), empty ones included. */
export class DeliveryTimeline {
  private readonly points: TimelinePointUs[] = [];
  private readonly bucket: hdr.Histogram = createHistogram();
  private bucketIndex = 0;
  private startNs = 0;
  private recording = false;

  constructor(readonly bucketMs: number) {}

  start(atNs: number): void {
    this.points.length = 0;
    this.bucket.reset();
    this.bucketIndex = 0;
    this.startNs = atNs;
    this.recording = true;
  }

  record(receivedNs: number, scheduledNs: number): void {
    if (!this.recording) return;
    const index = Math.floor((receivedNs - this.startNs) / 1e6 / this.bucketMs);
    while (index > this.bucketIndex) this.closeBucket();
    this.bucket.recordValue(receivedNs > scheduledNs ? Math.round((receivedNs - scheduledNs) / 1000) : 0);
  }

  /** Closes the window at `atNs` (trailing empty buckets included) and returns the points. */
  stop(atNs: number): TimelinePointUs[] {
    const lastIndex = Math.ceil((atNs - this.startNs) / 1e6 / this.bucketMs) - 1;
    while (this.bucketIndex <= lastIndex) this.closeBucket();
    this.recording = false;
    return [...this.points];
  }

  private closeBucket(): void {
    const count = this.bucket.totalCount;
    const percentile = (p: number) => (count > 0 ? this.bucket.getValueAtPercentile(p) : 0);
    this.points.push({ tMs: this.bucketIndex * this.bucketMs, count, p50Us: percentile(50), p99Us: percentile(99) });
    this.bucket.reset();
    this.bucketIndex++;
  }
}
