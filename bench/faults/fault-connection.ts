/**
 * One proxied connection: the accepted client socket, its upstream socket, and a FaultPipe for each
 * direction. Both sockets allow half-open, so a FIN travels through its pipe (where latency, slow
 * close and black holes act on it) instead of closing the whole connection at once.
 */
import { connect, type Socket } from 'node:net';
import type { CategorisedError } from '../results.js';
import { flowsOf, type FaultSet } from './fault-set.js';
import type { BlackholeFault, FlowDirection, ResetFault, TruncateFault } from './fault-types.js';
import { waitMs } from './abortable-wait.js';
import { FaultPipe, type PipeEvents, type StreamLimit } from './fault-pipe.js';
import { IdleClock } from './idle-clock.js';
import { categoriseSocketError } from './proxy-stats.js';

export interface UpstreamAddress {
  host: string;
  port: number;
}

/** What a connection reports to its proxy. */
export interface ConnectionEvents {
  forwarded(flow: FlowDirection, bytes: number): void;
  dropped(flow: FlowDirection, bytes: number): void;
  resetByProxy(): void;
  truncated(): void;
  idleClosed(): void;
  error(error: CategorisedError): void;
  closed(): void;
}

/**
 * A fault for the connections open at one moment only (see FaultProxy.faultOpenConnections): for
 * reset and truncate, afterBytes counts from what each connection has forwarded so far.
 */
export type LocalFault = BlackholeFault | ResetFault | TruncateFault;

/**
 * Sends RST when the socket is connected; a socket still connecting has nothing to reset. Nor can
 * one whose FIN is already on its way: libuv refuses the reset (EINVAL), and Node then never emits
 * 'close' and leaks the descriptor, so the connection would never finish closing. It is destroyed.
 */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  if (socket.connecting || socket.writableEnded) socket.destroy();
  else socket.resetAndDestroy();
}

export class FaultConnection {
  private readonly abort = new AbortController();
  private readonly upstream: Socket;
  private readonly pipes: Record<FlowDirection, FaultPipe>;
  private readonly idle: IdleClock;
  private openSockets = 2;
  /** Errors before the upstream connects are connect failures, not resets of a live stream. */
  private upstreamConnected = false;
  /** Set once the proxy has decided how this connection ends, so a second decision is ignored. */
  private ending = false;
  /** Set when a reset/truncate limit fires; the end itself may follow after the reset's delay. */
  private limitFired = false;

  constructor(
    private readonly client: Socket,
    upstreamAddress: UpstreamAddress,
    faults: FaultSet,
    private readonly events: ConnectionEvents,
  ) {
    this.upstream = connect({ host: upstreamAddress.host, port: upstreamAddress.port, allowHalfOpen: true });
    this.pipes = {
      up: new FaultPipe('up', client, this.upstream, faults, this.abort.signal, this.pipeEvents('up')),
      down: new FaultPipe('down', this.upstream, client, faults, this.abort.signal, this.pipeEvents('down')),
    };
    this.idle = new IdleClock(faults, () => this.closeIdle());
    this.abort.signal.addEventListener('abort', () => this.idle.stop(), { once: true });
  }

  /** Wires both sockets and starts forwarding; applies limits that are already reached (0 bytes). */
  start(): void {
    this.watch(this.client, this.upstream, () => true);
    this.upstream.once('connect', () => (this.upstreamConnected = true));
    this.watch(this.upstream, this.client, () => this.upstreamConnected);
    this.pipes.up.start();
    this.pipes.down.start();
    this.applyFaultChange();
  }

  /** The proxy's faults changed: act on limits already passed and on a new idle timeout. */
  applyFaultChange(): void {
    this.enforceLimits();
    if (!this.abort.signal.aborted) this.idle.rearm();
  }

  /** Applies a fault to this connection only; connections opened later are unaffected. */
  applyLocal(fault: LocalFault): void {
    for (const flow of flowsOf(fault.direction)) {
      if (fault.kind === 'blackhole') this.pipes[flow].silence();
      else this.pipes[flow].limitAfter(fault.kind, fault.afterBytes, fault.kind === 'reset' ? fault.delayMs : 0);
    }
    this.enforceLimits();
  }

  /** Acts on a reset or truncate fault whose byte count this connection has already passed. */
  enforceLimits(): void {
    for (const pipe of Object.values(this.pipes)) {
      const limit = pipe.reachedLimit();
      if (limit !== undefined) this.endByLimit(limit);
    }
  }

  /** Destroys both sides with RST, as a crashed middlebox or a `reset` fault would. */
  reset(): void {
    if (this.ending) return;
    this.ending = true;
    this.events.resetByProxy();
    this.abort.abort();
    resetSocket(this.client);
    resetSocket(this.upstream);
  }

  /** Closes both sides with FIN after what was already written, dropping everything later. */
  truncate(): void {
    this.closeGracefully(() => this.events.truncated());
  }

  /** The path's idle timeout fired: both sides get a FIN, as nginx closes on proxy_read_timeout. */
  private closeIdle(): void {
    this.closeGracefully(() => this.events.idleClosed());
  }

  private closeGracefully(count: () => void): void {
    if (this.ending) return;
    this.ending = true;
    count();
    this.abort.abort();
    for (const socket of [this.client, this.upstream]) {
      socket.end();
      // Keep reading (and dropping) so the peer's FIN is seen and the socket can close.
      socket.resume();
    }
  }

  /** Closes both sockets at once, for proxy shutdown. */
  destroy(): void {
    this.ending = true;
    this.abort.abort();
    this.client.destroy();
    this.upstream.destroy();
  }

  private endByLimit(limit: StreamLimit): void {
    if (this.limitFired) return;
    this.limitFired = true;
    const end = (): void => (limit.kind === 'reset' ? this.reset() : this.truncate());
    if (limit.delayMs <= 0) end();
    else void waitMs(limit.delayMs, this.abort.signal).then((due) => due && end());
  }

  private pipeEvents(flow: FlowDirection): PipeEvents {
    return {
      forwarded: (bytes) => {
        this.idle.touch(flow);
        this.events.forwarded(flow, bytes);
      },
      dropped: (bytes) => this.events.dropped(flow, bytes),
      limitReached: (limit) => this.endByLimit(limit),
      failed: (error) => {
        this.events.error({ category: 'internal', message: `fault pipe ${flow}: ${String(error)}` });
        this.reset();
      },
    };
  }

  /**
   * Errors on one side end the other the same way: a reset is passed on as a reset (the client of
   * a reset upstream must see ECONNRESET, not a clean close), anything else as a plain close.
   */
  private watch(socket: Socket, peer: Socket, isConnected: () => boolean): void {
    socket.on('error', (error: Error & { code?: string }) => {
      const categorised = categoriseSocketError(error, isConnected());
      this.events.error(categorised);
      this.abort.abort();
      if (categorised.category === 'reset' || categorised.category === 'connect') resetSocket(peer);
      else peer.destroy();
    });
    socket.on('close', () => {
      this.openSockets -= 1;
      if (this.openSockets > 0) return;
      this.abort.abort();
      this.events.closed();
    });
  }
}
