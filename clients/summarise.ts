/**
 * Turns what a client process recorded into named metrics (names carry their unit). Percentiles
 * come from the HDR histograms; the histograms themselves travel encoded so a report can recompute
 * any figure or merge runs.
 */
import type * as hdr from 'hdr-histogram-js';
import type { ClientRunResult } from './client-protocol.js';
import { encodeHistogram, type Recorder } from './recorder.js';
import { SATURATION_ELU, type ProcessUsage } from './process-meter.js';

export interface WindowBytes {
  /** Socket bytes: under TLS, the records. */
  down: number;
  up: number;
  /** The application bytes inside (the same as the socket's in clear). */
  appDown?: number;
  appUp?: number;
  handshakeDown: number;
  handshakeUp: number;
}

export interface SummaryInput {
  recorder: Recorder;
  /** Histograms kept outside the measured window (connect, first message). */
  setupHistograms: Map<string, hdr.Histogram>;
  connections: number;
  windowMs: number;
  /** Socket bytes in the window; absent where a client cannot see its sockets (keep-alive agents). */
  bytes?: WindowBytes;
  usage: ProcessUsage;
  errorCounts: Record<string, number>;
}

const PERCENTILES: [string, number][] = [
  ['p50', 50],
  ['p90', 90],
  ['p99', 99],
  ['p999', 99.9],
];

/** Adds `<name>_p50_us` … `_max_us`, `_mean_us` for a histogram with values in it. */
export function addPercentiles(metrics: Record<string, number>, prefix: string, histogram: hdr.Histogram): void {
  if (histogram.totalCount === 0) return;
  for (const [label, pct] of PERCENTILES) metrics[`${prefix}_${label}_us`] = histogram.getValueAtPercentile(pct);
  metrics[`${prefix}_max_us`] = histogram.maxValue;
  metrics[`${prefix}_mean_us`] = Math.round(histogram.mean);
}

export function summariseClientRun(input: SummaryInput): ClientRunResult {
  const { recorder, windowMs, bytes, usage } = input;
  const windowSec = windowMs / 1000;
  const messages = recorder.measuredMessages;
  const metrics: Record<string, number> = {
    connections: input.connections,
    messages_received: messages,
    messages_checked: recorder.integrity.received,
    throughput_msgs_per_sec: windowSec > 0 ? messages / windowSec : 0,
    lost_count: recorder.integrity.lost,
    duplicated_count: recorder.integrity.duplicated,
    reordered_count: recorder.integrity.reordered,
    corrupted_count: recorder.integrity.corrupted,
    client_cpu_pct: usage.cpuPct,
    client_elu: usage.elu,
  };
  if (bytes !== undefined) {
    metrics.throughput_mib_per_sec = windowSec > 0 ? bytes.down / windowSec / 1048576 : 0;
    metrics.handshake_bytes_down = bytes.handshakeDown;
    metrics.handshake_bytes_up = bytes.handshakeUp;
    if (messages > 0) {
      metrics.wire_bytes_down_per_msg = bytes.down / messages;
      metrics.wire_bytes_up_per_msg = bytes.up / messages;
      if (bytes.appDown !== undefined && bytes.appDown !== bytes.down)
        metrics.app_bytes_down_per_msg = bytes.appDown / messages;
    }
  }
  if (messages > 0) metrics.client_cpu_us_per_msg = ((usage.cpuPct / 100) * windowMs * 1000) / messages;
  const histograms: Record<string, string> = {};
  for (const [name, histogram] of [...recorder.histograms, ...input.setupHistograms]) {
    addPercentiles(metrics, name.replace(/_us$/, ''), histogram);
    if (histogram.totalCount > 0) histograms[name] = encodeHistogram(histogram);
  }
  const warnings: string[] = [];
  if (usage.elu > SATURATION_ELU) {
    warnings.push(
      `client-saturated: the client's event loop was busy ${(usage.elu * 100).toFixed(0)}% of the window, so the client may have been the bottleneck`,
    );
  }
  return { metrics, histograms, timeline: recorder.timeline, errorCounts: input.errorCounts, warnings };
}
