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
import {
  FaultConnection,
  resetSocket,
  type ConnectionEvents,
  type LocalFault,
  type UpstreamAddress,
} from './fault-connection.js';
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
  /** Port to listen on; 0 (the default) lets the OS pick. A fixed port lets a proxy "come back up" where it was. */
  listenPort?: number;
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
  /**
   * Applies a blackhole, reset or truncate fault to the connections open now only, so new
   * connections pass (a half-open path, or a cut in mid-stream, that a reconnect escapes). For
   * reset and truncate, afterBytes counts from what each connection has forwarded so far.
   * Returns how many connections it applied to; throws FaultConfigError for other kinds.
   */
  faultOpenConnections(fault: FaultInput): number;
  /** Sends new connections to another upstream port (a restarted server); open ones stay where they are. */
  setUpstream(port: number, host?: string): void;
  /** Stops listening, destroys every connection, cancels schedules; resolves when all is closed. */
  close(): Promise<void>;
}

const DEFAULT_LISTEN_HOST = '127.0.0.1';
/**
 * The accept queue: Node's default of 511 is half of reconnect-storm's 1,000 clients arriving at
 * once, and a SYN dropped from a full queue is retried only after TCP's initial timeout of 1 s. The
 * kernel caps it at net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

function validatePort(port: unknown, path: string, min: number): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < min || port > 65535)
    throw new FaultConfigError(`${path} must be an integer in ${min}..65535, got ${String(port)}`);
  return port;
}

function validateHost(host: unknown, path: string): string {
  if (typeof host !== 'string' || host === '')
    throw new FaultConfigError(`${path} must be a non-empty string, got ${String(host)}`);
  return host;
}

function validateOptions(options: FaultProxyOptions): Required<FaultProxyOptions> {
  return {
    upstreamHost: validateHost(options.upstreamHost, 'options.upstreamHost'),
    upstreamPort: validatePort(options.upstreamPort, 'options.upstreamPort', 1),
    listenHost: validateHost(options.listenHost ?? DEFAULT_LISTEN_HOST, 'options.listenHost'),
    listenPort: validatePort(options.listenPort ?? 0, 'options.listenPort', 0),
  };
}

const LOCAL_FAULT_KINDS: readonly FaultKind[] = ['blackhole', 'reset', 'truncate'];

function validateLocalFault(input: FaultInput): LocalFault {
  const fault = validateFault(input);
  if (!LOCAL_FAULT_KINDS.includes(fault.kind))
    throw new FaultConfigError(
      `fault.kind must be one of ${LOCAL_FAULT_KINDS.join(', ')} for the open connections only, got ${JSON.stringify(fault.kind)}`,
    );
  return fault as LocalFault;
}

class FaultProxyServer implements FaultProxy {
  private readonly faults = new FaultSet();
  private readonly live = new Map<FaultConnection, Promise<void>>();
  private readonly schedules = new Set<RunningSchedule>();
  private readonly counters = createProxyStats();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    private upstream: UpstreamAddress,
    readonly host: string,
    readonly port: number,
  ) {
    server.on('connection', (client) => this.accept(client));
    server.on('error', (error) =>
      recordError(this.counters, { category: 'internal', message: `proxy listener: ${error.message}` }),
    );
    // A reset or truncate fault whose byte count is already passed acts at once, not on the next chunk.
    this.faults.onChange(() => {
      for (const connection of this.live.keys()) connection.applyFaultChange();
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

  faultOpenConnections(input: FaultInput): number {
    const fault = validateLocalFault(input);
    const open = [...this.live.keys()];
    for (const connection of open) connection.applyLocal(fault);
    return open.length;
  }

  setUpstream(port: number, host: string = this.upstream.host): void {
    this.upstream = { host: validateHost(host, 'host'), port: validatePort(port, 'port', 1) };
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
    const connection = new FaultConnection(
      client,
      this.upstream,
      this.faults,
      this.connectionEvents(() => {
        this.live.delete(connection);
        markClosed();
      }),
    );
    this.live.set(connection, closed);
    connection.start();
  }

  private refuse(client: Socket): void {
    this.counters.connectionsRefused += 1;
    client.on('error', (error) =>
      recordError(this.counters, { category: 'reset', message: `refused client: ${error.message}` }),
    );
    resetSocket(client);
  }

  private connectionEvents(onClosed: () => void): ConnectionEvents {
    const counters = this.counters;
    return {
      forwarded: (flow, bytes) => (counters.bytesForwarded[flow] += bytes),
      dropped: (flow, bytes) => (counters.bytesDropped[flow] += bytes),
      resetByProxy: () => (counters.connectionsResetByProxy += 1),
      truncated: () => (counters.connectionsTruncated += 1),
      idleClosed: () => (counters.connectionsIdleClosed += 1),
      error: (error) => recordError(counters, error),
      closed: onClosed,
    };
  }
}

/** Starts a proxy on `listenHost` (default 127.0.0.1) and `listenPort` (default 0), forwarding to the upstream. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { upstreamHost, upstreamPort, listenHost, listenPort } = validateOptions(options);
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, listenHost, LISTEN_BACKLOG, () => {
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
