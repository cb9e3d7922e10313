/**
 * Where a client process records: HDR histograms in integer microseconds (merge them, never average
 * percentiles), integrity counts, and a per-second latency timeline. Recording of timings is off
 * during warm-up; integrity is always on, because a message lost during warm-up is still lost.
 */
import * as hdr from 'hdr-histogram-js';
import { nowNs } from './clock.js';
import { createIntegrityCounts, type IntegrityCounts } from './sequence-tracker.js';

/** Up to an hour in µs at 3 significant digits: enough for any stall a run can show. */
const HIGHEST_TRACKABLE_US = 3_600_000_000;

export function createHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

export interface TimelinePointUs {
  tMs: number;
  count: number;
  p50Us: number;
  p99Us: number;
}

export class Recorder {
  readonly integrity: IntegrityCounts = createIntegrityCounts();
  readonly histograms = new Map<string, hdr.Histogram>();
  readonly timeline: TimelinePointUs[] = [];
  measuring = false;
  /** Messages counted while measuring (throughput numerator). */
  measuredMessages = 0;
  /**
   * The current second's latencies. Each message is recorded here only; a closing second is merged
   * into the run's histogram. One record per message instead of two is a fifth of the receiver's
   * own cost at a million messages a second.
   */
  private second = createHistogram();
  private windowStartNs = 0;
  private nextSecondNs = 0;
  private readonly latency = this.histogram('latency_us');
  /** Written → received: what the transport and the client add (wrk2's uncorrected latency). */
  private readonly serviceLatency = this.histogram('service_latency_us');
  /** Scheduled → written: how late the server's publisher was, as each message reports it. */
  private readonly writeLag = this.histogram('write_lag_us');
  private secondIndex = 0;

  histogram(name: string): hdr.Histogram {
    let histogram = this.histograms.get(name);
    if (histogram === undefined) {
      histogram = createHistogram();
      this.histograms.set(name, histogram);
    }
    return histogram;
  }

  /** Records a timing in µs if measuring; negative values (another host's clock) clamp to 0. */
  record(name: string, valueUs: number): void {
    if (!this.measuring) return;
    this.histogram(name).recordValue(Math.max(0, Math.round(valueUs)));
  }

  /**
   * One message's one-way latencies: from its scheduled time (the headline, into the current second
   * of the timeline) and from its actual write; and how late the write was. `receivedNs` is when its
   * bytes came off the socket, before any parsing.
   */
  recordLatency(receivedNs: number, scheduledNs: number, writtenNs: number = scheduledNs): void {
    if (!this.measuring) return;
    this.measuredMessages++;
    if (receivedNs >= this.nextSecondNs) this.closeSecond(Math.floor((receivedNs - this.windowStartNs) / 1e9));
    this.second.recordValue(microsBetween(scheduledNs, receivedNs));
    this.serviceLatency.recordValue(microsBetween(writtenNs, receivedNs));
    this.writeLag.recordValue(microsBetween(scheduledNs, writtenNs));
  }

  startMeasuring(): void {
    for (const histogram of this.histograms.values()) histogram.reset();
    this.timeline.length = 0;
    this.second.reset();
    this.secondIndex = 0;
    this.measuredMessages = 0;
    this.windowStartNs = nowNs();
    this.nextSecondNs = this.windowStartNs + 1e9;
    this.measuring = true;
  }

  stopMeasuring(): void {
    this.closeSecond(this.secondIndex + 1);
    this.measuring = false;
  }

  private closeSecond(nextIndex: number): void {
    if (this.second.totalCount > 0) {
      this.timeline.push({
        tMs: this.secondIndex * 1000,
        count: this.second.totalCount,
        p50Us: this.second.getValueAtPercentile(50),
        p99Us: this.second.getValueAtPercentile(99),
      });
      this.latency.add(this.second);
    }
    this.second.reset();
    this.secondIndex = nextIndex;
    this.nextSecondNs = this.windowStartNs + (nextIndex + 1) * 1e9;
  }
}

/** Whole microseconds from `fromNs` to `toNs`; 0 when the second is not later (another host's clock). */
function microsBetween(fromNs: number, toNs: number): number {
  return toNs > fromNs ? Math.round((toNs - fromNs) / 1000) : 0;
}

export function encodeHistogram(histogram: hdr.Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}
