/**
 * Client→server messages while the downstream is busy (claims WS-1, SSE-4), the two ways an
 * application sends them: WS frames on the socket the stream already uses (`ws-frames`), or one
 * HTTP POST per message beside an SSE stream (`sse-post`, driven by autocannon). Both send the same
 * body, keep the same number of messages in flight, and time each one from send to acknowledgement
 * (WS: the server's `!ack` frame; POST: its 204 response).
 */
import { runPostUpstream } from './post-upstream-probe.js';
import { runWsUpstream } from './ws-upstream-probe.js';

/** The two upstream paths; the report's claim rules look for exactly these variant names. */
export type UpstreamMethod = 'ws-frames' | 'sse-post';

/** What to send. */
export interface UpstreamProbeJob {
  method: UpstreamMethod;
  /** The busy downstream: SSE GET /stream, or WS /upstream (which acknowledges what it receives). */
  streamUrl: string;
  /** sse-post: where the POSTs go (`/upstream` on the SSE server). */
  postUrl: string;
  /** Upstream messages to send. */
  messages: number;
  /** Messages in flight at once: WS frames awaiting their ack, or autocannon connections. */
  inFlight: number;
  /** Payload bytes of each upstream message (inside the envelope). */
  payloadBytes: number;
}

/** One connection the probe opened, counted at its client socket. */
export interface ProbeConnection {
  label: string;
  clientPort: number;
  bytesUp: number;
  bytesDown: number;
}

/** What the upstream messages cost, and what the downstream did meanwhile. */
export interface UpstreamProbeResult {
  messages: number;
  acknowledged: number;
  /** One message's body: the envelope text both transports send. */
  bodyBytes: number;
  /** Bytes up for all upstream messages: WS frames, or whole POST requests (head and body). */
  upstreamBytesUp: number;
  /** Bytes down for all acknowledgements: `!ack` frames, or whole 204 responses. */
  ackBytesDown: number;
  /** From the first send to the last acknowledgement. */
  durationMs: number;
  /** Client CPU over the same span (the downstream's receiving included, on both transports). */
  clientCpuUs: number;
  /** `latency_us` (send → ack) and `downstream_latency_us` (the stream, one-way), HDR-encoded. */
  histograms: Record<string, string>;
  /** latency_p50_us … and downstream_latency_p50_us … */
  latencyMetrics: Record<string, number>;
  /** Downstream messages received from the first send to the last acknowledgement. */
  downstreamMessages: number;
  /** Every connection the probe used, for the server's and the capture's cross-checks. */
  connections: ProbeConnection[];
  /** Non-2xx answers, connection errors, refused frames, by category. */
  errorCounts: Record<string, number>;
}

/** Runs the job's upstream path to the last acknowledgement, then closes everything it opened. */
export function runUpstreamProbe(job: UpstreamProbeJob): Promise<UpstreamProbeResult> {
  return job.method === 'ws-frames' ? runWsUpstream(job) : runPostUpstream(job);
}
