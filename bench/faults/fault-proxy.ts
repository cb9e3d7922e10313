/**
 * A user-space fault-injecting TCP proxy (the kernel here has no tc netem): listens on port 0,
 * forwards every connection to one upstream, and applies Toxiproxy-style faults per direction that
 * can be switched on and off while traffic flows, by method or by schedule.
 *
 * Usage:
 *   const proxy = await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: server.port });
 *   proxy.setFault({ kind: 'latency', direction: 'down', latencyMs: 50 });
 *   proxy.runSchedule([{ atMs: 1000, set: { kind: 'blackhole' } }, { atMs: 3000, clear: 'blackhole' }]);
 *   ...
 *   await proxy.close();
 */
import { createServer, type Server, type Socket } from 'node:net';
import { FaultConnection, resetSocket, type ConnectionEvents, type UpstreamAddress } from './fault-connection.js';
import { FaultSet } from './fault-set.js';
import type { Fault, FaultDirection, FaultInput, FaultKind, ScheduleStep } from './fault-types.js';
import { copyProxyStats, createProxyStats, recordError, type ProxyStats } from './proxy-stats.js';
import { runSchedule, type RunningSchedule } from './schedule.js';
import { FaultConfigError, validateDirection, validateFault, validateFaultKind } from './validate-fault.js';

export interface FaultProxyOptions {
  upstreamHost: string;
  upstreamPort: number;
  /** Address to listen on; loopback unless told otherwise. */
  listenHost?: string;
}

export interface FaultProxy {
  /** The port the OS picked for the proxy. */
  readonly port: number;
  readonly host: string;
  /** Activates a fault (validated; throws FaultConfigError naming the bad field). */
  setFault(fault: FaultInput): void;
  /** Removes a fault kind in one direction, or in both when direction is omitted. */
  clearFault(kind: FaultKind, direction?: FaultDirection): void;
  clearAllFaults(): void;
  /** The faults active now, one entry per direction. */
  activeFaults(): Fault[];
  /** Runs a timed list of set/clear/resetAll steps; close() cancels it. */
  runSchedule(steps: readonly ScheduleStep[]): RunningSchedule;
  /** Connections open right now. */
  connections(): number;
  /** A snapshot of the counters. */
  stats(): ProxyStats;
  /** Resets every open connection now (RST both sides); new ones are unaffected. */
  resetAll(): void;
  /** Stops listening, destroys every connection, cancels schedules; resolves when all is closed. */
  close(): Promise<void>;
}

const DEFAULT_LISTEN_HOST = '127.0.0.1';

function validateOptions(options: FaultProxyOptions): Required<FaultProxyOptions> {
  const { upstreamHost, upstreamPort, listenHost = DEFAULT_LISTEN_HOST } = options;
  if (typeof upstreamHost !== 'string' || upstreamHost === '') throw new FaultConfigError(`options.upstreamHost must be a non-empty string, got ${String(upstreamHost)}`);
  if (!Number.isInteger(upstreamPort) || upstreamPort < 1 || upstreamPort > 65535) throw new FaultConfigError(`options.upstreamPort must be an integer in 1..65535, got ${String(upstreamPort)}`);
  if (typeof listenHost !== 'string' || listenHost === '') throw new FaultConfigError(`options.listenHost must be a non-empty string, got ${String(listenHost)}`);
  return { upstreamHost, upstreamPort, listenHost };
}

class FaultProxyServer implements FaultProxy {
  private readonly faults = new FaultSet();
  private readonly live = new Map<FaultConnection, Promise<void>>();
  private readonly schedules = new Set<RunningSchedule>();
  private readonly counters = createProxyStats();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    private readonly upstream: UpstreamAddress,
    readonly host: string,
    readonly port: number,
  ) {
    server.on('connection', (client) => this.accept(client));
    server.on('error', (error) => recordError(this.counters, { category: 'internal', message: `proxy listener: ${error.message}` }));
    // A reset or truncate fault whose byte count is already passed acts at once, not on the next chunk.
    this.faults.onChange(() => {
      for (const connection of this.live.keys()) connection.enforceLimits();
    });
  }

  setFault(fault: FaultInput): void {
    this.faults.set(validateFault(fault));
  }

  clearFault(kind: FaultKind, direction?: FaultDirection): void {
    const validKind = validateFaultKind(kind, 'kind');
    this.faults.clear(validKind, direction === undefined ? undefined : validateDirection(direction, 'direction'));
  }

  clearAllFaults(): void {
    this.faults.clearAll();
  }

  activeFaults(): Fault[] {
    return this.faults.list();
  }

  runSchedule(steps: readonly ScheduleStep[]): RunningSchedule {
    const schedule = runSchedule(this, steps);
    this.schedules.add(schedule);
    void schedule.done.then(() => this.schedules.delete(schedule));
    return schedule;
  }

  connections(): number {
    return this.live.size;
  }

  stats(): ProxyStats {
    return copyProxyStats({ ...this.counters, connectionsOpen: this.live.size });
  }

  resetAll(): void {
    for (const connection of this.live.keys()) connection.reset();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const schedule of this.schedules) schedule.cancel();
    const listenerClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.live.keys()) connection.destroy();
    await Promise.all([listenerClosed, ...this.live.values()]);
  }

  private accept(client: Socket): void {
    this.counters.connectionsAccepted += 1;
    if (this.closing !== undefined || this.faults.isRefusing()) {
      this.refuse(client);
      return;
    }
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const connection = new FaultConnection(client, this.upstream, this.faults, this.connectionEvents(() => {
      this.live.delete(connection);
      markClosed();
    }));
    this.live.set(connection, closed);
    connection.start();
  }

  private refuse(client: Socket): void {
    this.counters.connectionsRefused += 1;
    client.on('error', (error) => recordError(this.counters, { category: 'reset', message: `refused client: ${error.message}` }));
    resetSocket(client);
  }

  private connectionEvents(onClosed: () => void): ConnectionEvents {
    const counters = this.counters;
    return {
      forwarded: (flow, bytes) => (counters.bytesForwarded[flow] += bytes),
      dropped: (flow, bytes) => (counters.bytesDropped[flow] += bytes),
      resetByProxy: () => (counters.connectionsResetByProxy += 1),
      truncated: () => (counters.connectionsTruncated += 1),
      error: (error) => recordError(counters, error),
      closed: onClosed,
    };
  }
}

/** Starts a proxy on `listenHost` (default 127.0.0.1), port 0, forwarding to the upstream. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { upstreamHost, upstreamPort, listenHost } = validateOptions(options);
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    server.close();
    throw new Error(`fault proxy: unexpected listen address ${String(address)}`);
  }
  return new FaultProxyServer(server, { host: upstreamHost, port: upstreamPort }, listenHost, address.port);
}
