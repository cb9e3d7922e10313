/**
 * One server start and stop for the cell runners: our server process for the cell (holding the run's
 * certificate when the transport is TLS, its client trusting exactly that one), or none when the cell
 * measures the user's `--target`; the body gets it, and the server is stopped however the body ends —
 * returned, thrown or aborted — so no server outlives its cell.
 */
import type { ServerConfig } from '../servers/server-config.js';
import { runCertificate } from '../servers/tls-files.js';
import { transportNamed } from '../transports/registry.js';
import { PhaseError } from './phase-error.js';
import type { CellPlan } from './plan.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/**
 * A TLS transport's server gets the run's certificate and its client trusts exactly that one, so
 * certificates are checked as in production (no --insecure needed for our own servers).
 */
export function withRunCertificate(cell: CellPlan): { server: CellPlan['server']; client: CellPlan['client'] } {
  if (cell.target !== undefined || !transportNamed(cell.transport).capabilities.tls)
    return { server: cell.server, client: cell.client };
  const tls = runCertificate();
  return { server: { ...cell.server, tls }, client: { ...cell.client, tls: { caFile: tls.certFile } } };
}

/** Anything a runner starts and must stop: our server process, the Java server, … */
export interface StoppableServer {
  stop(): Promise<void>;
}

/**
 * Starts a server, runs the body with it and stops it in every case: after the body returns or
 * throws, and at once when `abort` fires (the body then sees its connections end). A server that is
 * still starting when the abort comes is stopped as soon as it is up, and the body never runs.
 */
export async function withStartedServer<S extends StoppableServer, T>(
  start: () => Promise<S>,
  body: (server: S) => Promise<T>,
  abort?: AbortSignal,
): Promise<T> {
  const server = await start();
  const stopOnAbort = () => void server.stop().catch(() => undefined);
  abort?.addEventListener('abort', stopOnAbort, { once: true });
  try {
    if (abort?.aborted) throw new PhaseError('internal', 'the run was aborted while its server started');
    return await body(server);
  } finally {
    abort?.removeEventListener('abort', stopOnAbort);
    await server.stop();
  }
}

/** What a cell's body gets: the server (ours or none), and the client options that go with it. */
export interface CellServer<P extends ServerProcess | undefined = ServerProcess | undefined> {
  /** Our server process; undefined when the cell measures the user's --target. */
  process: P;
  /** The URL the server serves at: ours, or the target. */
  url: string;
  /** The cell's client options, trusting the run's certificate when the transport is TLS. */
  client: CellPlan['client'];
  /** What the results document records of the server: the configuration it ran with, or the target. */
  describe(): Record<string, unknown>;
}

export interface CellServerOptions {
  /** Stops the server at once when it fires (see withStartedServer). */
  abort?: AbortSignal;
  /** What this runner changes in the cell's server configuration (a fixed stream origin, another transport). */
  server?: Partial<ServerConfig>;
}

/**
 * Runs `body` with the cell's server: ours, started for the cell (see withRunCertificate), or none
 * for a `--target` cell. With `ownServerOnly` (the reason) a `--target` cell fails as a config error
 * instead, before anything starts, and the body always gets our server.
 */
export function withCellServer<T>(
  cell: CellPlan,
  body: (server: CellServer<ServerProcess>) => Promise<T>,
  options: CellServerOptions & { ownServerOnly: string },
): Promise<T>;
export function withCellServer<T>(
  cell: CellPlan,
  body: (server: CellServer) => Promise<T>,
  options?: CellServerOptions,
): Promise<T>;
export async function withCellServer<T>(
  cell: CellPlan,
  body: (server: CellServer<ServerProcess>) => Promise<T>,
  options: CellServerOptions & { ownServerOnly?: string } = {},
): Promise<T> {
  const secured = withRunCertificate(cell);
  const { target } = cell;
  if (target !== undefined) {
    if (options.ownServerOnly !== undefined) throw new PhaseError('config', options.ownServerOnly);
    const asTarget = body as unknown as (server: CellServer<undefined>) => Promise<T>;
    return asTarget({ process: undefined, url: target, client: secured.client, describe: () => ({ target }) });
  }
  return withStartedServer(
    () => startServerProcess({ ...secured.server, ...options.server }),
    (process) => body({ process, url: process.url, client: secured.client, describe: () => ({ ...process.config }) }),
    options.abort,
  );
}
