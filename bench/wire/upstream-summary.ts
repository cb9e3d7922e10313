/**
 * The common ending of both upstream paths: histograms encoded, percentiles named, and the check
 * that every message was acknowledged (a message the server refused is a failed run, not a figure).
 */
import { addPercentiles } from '../../clients/summarise.js';
import { encodeHistogram, type Recorder } from '../../clients/recorder.js';
import { PhaseError } from '../phase-error.js';
import type { ProbeConnection, UpstreamProbeJob, UpstreamProbeResult } from './upstream-probe.js';

/** What a path measured, before naming. */
export interface UpstreamTally {
  job: UpstreamProbeJob;
  bodyBytes: number;
  acknowledged: number;
  upstreamBytesUp: number;
  ackBytesDown: number;
  durationMs: number;
  clientCpuUs: number;
  /** `upstream` records `latency_us` (send → ack); `downstream` the stream's one-way `latency_us`; both stopped at the last ack. */
  recorders: { upstream: Recorder; downstream: Recorder };
  connections: ProbeConnection[];
  errorCounts: Record<string, number>;
}

/** Names the figures; throws `integrity` unless every message was acknowledged. */
export function summariseUpstream(tally: UpstreamTally): UpstreamProbeResult {
  const { job, recorders } = tally;
  if (tally.acknowledged !== job.messages) {
    throw new PhaseError(
      'integrity',
      `${job.method}: ${tally.acknowledged} of ${job.messages} upstream messages acknowledged (${JSON.stringify(tally.errorCounts)})`,
    );
  }
  const upstreamLatency = recorders.upstream.histogram('latency_us');
  const downstreamLatency = recorders.downstream.histogram('latency_us');
  const latencyMetrics: Record<string, number> = {};
  addPercentiles(latencyMetrics, 'latency', upstreamLatency);
  addPercentiles(latencyMetrics, 'downstream_latency', downstreamLatency);
  return {
    messages: job.messages,
    acknowledged: tally.acknowledged,
    bodyBytes: tally.bodyBytes,
    upstreamBytesUp: tally.upstreamBytesUp,
    ackBytesDown: tally.ackBytesDown,
    durationMs: tally.durationMs,
    clientCpuUs: tally.clientCpuUs,
    histograms: {
      latency_us: encodeHistogram(upstreamLatency),
      downstream_latency_us: encodeHistogram(downstreamLatency),
    },
    latencyMetrics,
    downstreamMessages: recorders.downstream.measuredMessages,
    connections: tally.connections,
    errorCounts: tally.errorCounts,
  };
}
