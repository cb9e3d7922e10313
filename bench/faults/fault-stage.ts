/**
 * What a fault scenario breaks: the server process and the fault proxy in front of it, through
 * which the clients connect. Holds the current pair (kill-restart replaces the server, proxy-down
 * the proxy), injects each fault at a recorded nowNs() time, and tears everything down, never
 * leaving a process behind even if a restart is still under way at teardown.
 */
import { nowNs } from '../../clients/clock.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { PhaseError } from '../phase-error.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

/** The faults a reconnect-* scenario can inject. */
export type FaultName = 'reset' | 'kill' | 'half-open' | 'proxy-down' | 'truncate';

/** Bytes of the stream let through after a truncate is set: under one event, so the cut falls inside an event. */
export const TRUNCATE_AFTER_BYTES = 50;

/** When a fault went in and what it hit. */
export interface InjectedFault {
  /** nowNs() just before the fault took effect: the origin of every detection time. */
  atNs: number;
  /** Connections open through the proxy when the fault hit. */
  connectionsHit: number;
  /** kill: from SIGKILL to the new server ready and proxied. */
  restartMs?: number;
}

interface Upstream {
  host: string;
  port: number;
}

function targetUpstream(target: URL): Upstream {
  if (target.protocol !== 'http:' && target.protocol !== 'ws:') {
    throw new PhaseError(
      'config',
      `the fault proxy forwards plain TCP, so a fault scenario needs an http:// or ws:// target, got ${target.protocol}`,
    );
  }
  return { host: target.hostname, port: Number(target.port) || 80 };
}

/** The server and proxy of one fault cell run. */
export class FaultStage {
  private closing = false;

  private constructor(
    private server: ServerProcess | undefined,
    private proxy: FaultProxy,
    private readonly upstream: Upstream,
    private readonly serverConfig: ServerConfig,
    private readonly target: string | undefined,
  ) {}

  /** Starts our server (or uses the target) and the proxy in front of it. */
  static async start(serverConfig: ServerConfig, target: string | undefined): Promise<FaultStage> {
    if (target !== undefined) {
      const upstream = targetUpstream(new URL(target));
      const proxy = await startFaultProxy({ upstreamHost: upstream.host, upstreamPort: upstream.port });
      return new FaultStage(undefined, proxy, upstream, serverConfig, target);
    }
    const server = await startServerProcess(serverConfig);
    const upstream = { host: '127.0.0.1', port: server.port };
    try {
      const proxy = await startFaultProxy({ upstreamHost: upstream.host, upstreamPort: upstream.port });
      return new FaultStage(server, proxy, upstream, serverConfig, undefined);
    } catch (err) {
      await server.stop();
      throw err;
    }
  }

  /** The URL the clients open: the stream's URL with the proxy's address. */
  clientUrl(streamUrl: string): string {
    const url = new URL(streamUrl);
    url.host = `${this.proxy.host}:${this.proxy.port}`;
    return url.href;
  }

  /** The server's own URL (ours or the target), before the proxy is put in front. */
  serverUrl(): string {
    return this.server?.url ?? this.target ?? '';
  }

  /** The configuration the server ran with (port included), for the results document. */
  describeServer(): Record<string, unknown> {
    return this.server === undefined ? { target: this.target } : { ...this.server.config };
  }

  /** Models a path that closes quiet connections (see IdleTimeoutFault), from now on, for new connections too. */
  setPathIdleTimeout(idleMs: number): void {
    this.proxy.setFault({ kind: 'idle-timeout', direction: 'down', idleMs });
  }

  async inject(fault: FaultName, downMs: number): Promise<InjectedFault> {
    const atNs = nowNs();
    const connectionsHit = this.proxy.connections();
    switch (fault) {
      case 'reset':
        this.proxy.resetAll();
        return { atNs, connectionsHit };
      case 'half-open':
        return { atNs, connectionsHit: this.proxy.faultOpenConnections({ kind: 'blackhole', direction: 'both' }) };
      case 'truncate':
        return {
          atNs,
          connectionsHit: this.proxy.faultOpenConnections({
            kind: 'truncate',
            direction: 'down',
            afterBytes: TRUNCATE_AFTER_BYTES,
          }),
        };
      case 'kill':
        await this.killAndRestartServer();
        return { atNs, connectionsHit, restartMs: (nowNs() - atNs) / 1e6 };
      case 'proxy-down':
        await this.bounceProxy(downMs);
        return { atNs, connectionsHit };
    }
  }

  /** Stops the proxy and the server; safe to call while a restart is in progress. */
  async close(): Promise<void> {
    this.closing = true;
    await this.proxy.close();
    await this.server?.stop();
  }

  private async killAndRestartServer(): Promise<void> {
    if (this.server === undefined)
      throw new PhaseError('config', "a kill-restart needs the harness's own server: run it without --target");
    await this.server.kill();
    const restarted = await startServerProcess(this.serverConfig);
    if (this.closing) {
      await restarted.stop();
      throw new PhaseError('internal', 'the cell was torn down while the server restarted');
    }
    this.server = restarted;
    this.proxy.setUpstream(restarted.port);
  }

  /** The proxy goes away (its connections closed, its port refusing) and comes back on the same port. */
  private async bounceProxy(downMs: number): Promise<void> {
    const port = this.proxy.port;
    await this.proxy.close();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    if (this.closing) throw new PhaseError('internal', 'the cell was torn down while the proxy was down');
    const next = await startFaultProxy({
      upstreamHost: this.upstream.host,
      upstreamPort: this.upstream.port,
      listenPort: port,
    });
    if (this.closing) {
      await next.close();
      throw new PhaseError('internal', 'the cell was torn down while the proxy came back');
    }
    this.proxy = next;
  }
}
