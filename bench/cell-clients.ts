/**
 * The one place a stream cell's client side is chosen: one client process, or several local ones
 * that connect their shares, wait at a common barrier and measure the same window; their results
 * merge exactly (bench/merge-client-runs.ts). Ten thousand connections need more than one process:
 * one process's open-files limit and one core's CPU bound what a single client can hold.
 */
import type { ClientPhase, ClientRunConfig, ClientRunResult } from '../clients/client-protocol.js';
import { runClientProcess } from './client-process.js';
import { mergeClientRuns } from './merge-client-runs.js';
import type { CellPlan } from './plan.js';
import type { ShardHostRecord } from './results.js';

type OnPhase = (phase: ClientPhase) => Promise<void> | void;

/** `total` in `parts` shares that differ by at most one, larger first. */
export function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** Each of `parts` processes' (or shards') configuration: its share of the connections and of the connect ramp. */
export function shareConfigs(config: ClientRunConfig, parts: number): ClientRunConfig[] {
  const rate = config.connectRatePerSec;
  return splitEvenly(config.connections, parts).map((connections) => ({
    ...config,
    connections,
    ...(rate !== undefined ? { connectRatePerSec: rate / parts } : {}),
  }));
}

/** Resolves every arrival once `count` have arrived; rejects them all when `abort` fires first. */
export function createBarrier(count: number, abort: AbortSignal): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  let fail: (reason: Error) => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  opened.catch(() => undefined); // a barrier nobody reached is not an unhandled rejection
  abort.addEventListener('abort', () => fail(new Error('another client process failed before the start')), {
    once: true,
  });
  return () => {
    arrived += 1;
    if (arrived === count) open();
    return opened;
  };
}

/**
 * The processes' phases as one: the window starts when the first process starts measuring and
 * ends when the last one closes, so server samples taken at those edges cover every process's window.
 */
function combinedPhases(processes: number, onPhase: OnPhase): OnPhase {
  const seen = new Map<ClientPhase, number>();
  return (phase) => {
    const count = (seen.get(phase) ?? 0) + 1;
    seen.set(phase, count);
    const edge = phase === 'closing' ? count === processes : count === 1;
    return edge ? onPhase(phase) : undefined;
  };
}

/** Several local client processes, gated to one window, merged into one result. */
export async function runLocalClientProcesses(
  config: ClientRunConfig,
  processes: number,
  onPhase: OnPhase,
  abort: AbortSignal,
): Promise<ClientRunResult> {
  const failed = new AbortController();
  const stopAll = () => failed.abort();
  abort.addEventListener('abort', stopAll, { once: true });
  const arrive = createBarrier(processes, failed.signal);
  const phases = combinedPhases(processes, onPhase);
  try {
    const runs = shareConfigs(config, processes).map((share) =>
      runClientProcess(share, phases, failed.signal, { beforeStart: arrive }).catch((err: unknown) => {
        stopAll(); // one process failing ends the others' runs too: no partial merge
        throw err;
      }),
    );
    // Every process is waited for, failed or not, so none outlives the cell.
    const outcomes = await Promise.allSettled(runs);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (rejected !== undefined) throw rejected.reason;
    return mergeClientRuns(outcomes.map((o) => (o as PromiseFulfilledResult<ClientRunResult>).value));
  } finally {
    abort.removeEventListener('abort', stopAll);
  }
}

/** A cell's clients' result; a distributed cell's also names the load workers that ran its shards. */
export type CellClientsResult = ClientRunResult & { hosts?: ShardHostRecord[] };

/**
 * The client side of one stream cell: in as many local processes as the cell asks for, or with
 * `--redis/--shards` as shards on load workers (bench/distributed/), one client process each.
 */
export async function runCellClients(
  cell: CellPlan,
  config: ClientRunConfig,
  onPhase: OnPhase,
  abort: AbortSignal,
): Promise<CellClientsResult> {
  if (cell.distributed !== undefined) {
    // Loaded only here: a run on one machine never loads BullMQ.
    const { runDistributedClients } = await import('./distributed/coordinator.js');
    const { result, hosts } = await runDistributedClients(
      shareConfigs(config, cell.distributed.shards),
      // Our server runs here, beside the coordinator; a --target's host is unknown.
      { ...cell.distributed, cellId: cell.id, serverOnThisHost: cell.target === undefined },
      onPhase,
      abort,
    );
    return { ...result, hosts };
  }
  if (cell.clientProcesses <= 1) return runClientProcess(config, onPhase, abort);
  return runLocalClientProcesses(config, cell.clientProcesses, onPhase, abort);
}
