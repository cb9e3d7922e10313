/**
 * The faults the proxy can inject, modelled on Toxiproxy's "toxics": each is plain data, applies to
 * one direction of every connection (or both), and can be set and cleared while traffic flows.
 *
 * Byte offsets and byte counts are always *stream* positions in the fault's direction, counted from
 * the first byte of that connection in that direction, so a test can name "the 100th byte" exactly
 * whatever chunks the kernel happens to deliver.
 */

/** `down` = upstream → client (the server's stream), `up` = client → upstream (requests). */
export type FlowDirection = 'up' | 'down';
/** Where a fault applies; `both` is shorthand for one fault per direction. */
export type FaultDirection = FlowDirection | 'both';

export const FLOW_DIRECTIONS: readonly FlowDirection[] = ['up', 'down'];

/** Delays every chunk by latencyMs ± jitterMs, never reordering bytes (like netem's delay). */
export interface LatencyFault {
  kind: 'latency';
  direction: FaultDirection;
  latencyMs: number;
  /** Uniform jitter in [-jitterMs, +jitterMs]; a chunk is never released before the one ahead of it. */
  jitterMs: number;
}

/** Caps throughput: each byte takes 1/bytesPerSec seconds to "transmit". */
export interface BandwidthFault {
  kind: 'bandwidth';
  direction: FaultDirection;
  bytesPerSec: number;
}

/**
 * Re-segments the stream: pieces of at most sliceBytes, and/or cuts exactly at the given stream
 * offsets, with sliceDelayMs between pieces so the receiver sees each piece in its own read.
 */
export interface SliceFault {
  kind: 'slice';
  direction: FaultDirection;
  /** Largest piece in bytes (1 = every byte alone); undefined = no size limit. */
  sliceBytes?: number;
  /** Stream offsets where a piece must end (strictly increasing, each >= 1). */
  atOffsets?: readonly number[];
  /** Pause between consecutive pieces, so they are not coalesced on the way. */
  sliceDelayMs: number;
}

/**
 * Tears down both sides with RST once afterBytes have been forwarded (0 = at once), after delayMs.
 *
 * Why the delay exists: on Linux, when an RST lands in the same read as the last data, libuv sees
 * POLLHUP after a partial read and reports a clean EOF, so a Node client gets 'end', not
 * ECONNRESET. delayMs = 0 sends the RST right behind the data (what a crashing peer does, and
 * what a client must survive); a few ms lets the data be read first so the reset is seen as one.
 */
export interface ResetFault {
  kind: 'reset';
  direction: FaultDirection;
  afterBytes: number;
  delayMs: number;
}

/**
 * Drops every byte silently while the connection stays open (a half-open path). The peer's FIN is
 * held back, as a real dead path would hold it, and delivered once the fault is cleared.
 */
export interface BlackholeFault {
  kind: 'blackhole';
  direction: FaultDirection;
}

/** Delays forwarding the FIN by closeDelayMs once the sender has closed its side. */
export interface SlowCloseFault {
  kind: 'slow-close';
  direction: FaultDirection;
  closeDelayMs: number;
}

/** Forwards exactly afterBytes, then closes both sides gracefully (FIN) and drops the rest. */
export interface TruncateFault {
  kind: 'truncate';
  direction: FaultDirection;
  afterBytes: number;
}

/**
 * Closes a connection gracefully (FIN both ways) once no byte has been forwarded in the fault's
 * direction for idleMs: the idle timeout of the path. `down` models nginx's proxy_read_timeout
 * (time between two reads from the upstream, 60 s by default); `both` a load balancer's idle
 * timeout (traffic either way keeps the connection, 60 s on AWS ALB). Heartbeats shorter than
 * idleMs keep a quiet stream open; that is what the long-lived scenario measures.
 */
export interface IdleTimeoutFault {
  kind: 'idle-timeout';
  direction: FaultDirection;
  idleMs: number;
}

/**
 * Refuses new connections until cleared. User space cannot refuse a TCP handshake, so the proxy
 * accepts and at once resets: the client sees ECONNRESET (a closed port would give ECONNREFUSED).
 */
export interface RefuseFault {
  kind: 'refuse';
}

/** Every fault, discriminated by `kind`. */
export type Fault =
  | LatencyFault
  | BandwidthFault
  | SliceFault
  | ResetFault
  | BlackholeFault
  | SlowCloseFault
  | TruncateFault
  | IdleTimeoutFault
  | RefuseFault;

export type FaultKind = Fault['kind'];
/** A fault that acts on the bytes of one direction (everything except `refuse`). */
export type FlowFault = Exclude<Fault, RefuseFault>;
export type FlowFaultKind = FlowFault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'bandwidth',
  'slice',
  'reset',
  'blackhole',
  'slow-close',
  'truncate',
  'idle-timeout',
  'refuse',
];

/** What a caller may pass: optional fields take the defaults in `validateFault`. */
export type FaultInput =
  | (Omit<LatencyFault, 'direction' | 'jitterMs'> & { direction?: FaultDirection; jitterMs?: number })
  | (Omit<BandwidthFault, 'direction'> & { direction?: FaultDirection })
  | (Omit<SliceFault, 'direction' | 'sliceDelayMs'> & { direction?: FaultDirection; sliceDelayMs?: number })
  | (Omit<ResetFault, 'direction' | 'afterBytes' | 'delayMs'> & {
      direction?: FaultDirection;
      afterBytes?: number;
      delayMs?: number;
    })
  | (Omit<BlackholeFault, 'direction'> & { direction?: FaultDirection })
  | (Omit<SlowCloseFault, 'direction'> & { direction?: FaultDirection })
  | (Omit<TruncateFault, 'direction'> & { direction?: FaultDirection })
  | (Omit<IdleTimeoutFault, 'direction'> & { direction?: FaultDirection })
  | RefuseFault;

/** One step of a fault schedule, timed from the moment the schedule starts. */
export type ScheduleStep =
  | { atMs: number; set: FaultInput }
  | { atMs: number; clear: FaultKind; direction?: FaultDirection }
  | { atMs: number; resetAll: true };
