/**
 * What the runner asks of a wire client process and what comes back, over IPC. The client process
 * measures one bounded stream or one upstream run; the runner starts the server, samples it and
 * names the metrics.
 */
import type { StreamProbeJob, StreamProbeResult } from './stream-probe.js';
import type { UpstreamProbeJob, UpstreamProbeResult } from './upstream-probe.js';

/** One measurement: a bounded stream down, or upstream messages beside a busy stream. */
export type WireJob = { probe: 'stream'; stream: StreamProbeJob } | { probe: 'upstream'; upstream: UpstreamProbeJob };

/** The measurement's result, of the same kind as its job. */
export type WireJobResult =
  | { probe: 'stream'; stream: StreamProbeResult }
  | { probe: 'upstream'; upstream: UpstreamProbeResult };

export type RunnerToWireClient = { type: 'run'; job: WireJob } | { type: 'stop' };
export type WireClientToRunner =
  | { type: 'result'; result: WireJobResult }
  | { type: 'failed'; category: string; message: string };
