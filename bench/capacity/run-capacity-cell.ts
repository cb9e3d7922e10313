/**
 * One capacity cell: a transport's connections stepped up, each step a full stream cell (a fresh
 * server, its clients over as many processes as the step needs, the same gated window), until a
 * step misses the p99 limit, loses a message, fails to open every connection or fails to run. The
 * knee is the last step before that. Steps the machine cannot hold (ephemeral ports, open files)
 * are not tried, and the result says so.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CellRunner, MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { runStreamCell } from '../run-stream-cell.js';
import { stepMetric } from './capacity-metrics.js';
import { capacityParamsOf } from './capacity-params.js';
import { CAPACITY_STEPS, CONNECTIONS_PER_CLIENT_PROCESS } from './capacity-scenario.js';
import { readOpenFilesLimit } from '../open-files-limit.js';

/** Sockets a step's server needs beyond its connections, and ports the kernel keeps for others. */
const SPARE = 1000;

/** Why this machine cannot hold `connections` loopback connections to one port, or undefined. */
export function machineLimit(connections: number): string | undefined {
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const ports = high! - low! + 1;
  if (connections + SPARE > ports)
    return `needs ${connections} ephemeral ports to one server port; net.ipv4.ip_local_port_range has ${ports}`;
  // Root can raise the server's limit (prlimit) up to fs.nr_open; anyone else keeps the hard limit.
  if (userInfo().uid !== 0) {
    const hard = readOpenFilesLimit(process.pid).hard;
    if (connections + SPARE > hard)
      return `needs ${connections + SPARE} open files in the server; the hard limit is ${hard} (run as root to raise it)`;
  }
  return undefined;
}

/** The stream cell one step runs: the capacity cell at `connections`, its clients split into processes. */
export function stepCell(cell: CellPlan, connections: number): CellPlan {
  return {
    ...cell,
    client: { ...cell.client, connections, measureMemory: true },
    clientProcesses: Math.ceil(connections / CONNECTIONS_PER_CLIENT_PROCESS),
  };
}

/** Why a step missed, or undefined when it met the limit with every connection open and nothing lost. */
export function stepVerdict(run: MeasuredRun, connections: number, p99LimitMs: number): string | undefined {
  const m = run.metrics;
  const errors = Object.values(run.errorCounts).reduce((a, b) => a + b, 0);
  if ((m.connections ?? 0) < connections) return `${m.connections ?? 0} of ${connections} connections open`;
  if (errors > 0) return `${errors} connection errors (${Object.keys(run.errorCounts).join(', ')})`;
  const lost = (m.lost_count ?? 0) + (m.corrupted_count ?? 0) + (m.duplicated_count ?? 0) + (m.reordered_count ?? 0);
  if (lost > 0) return `${lost} messages lost, corrupted, duplicated or reordered`;
  const p99Us = m.latency_p99_us;
  if (p99Us === undefined) return 'no latency measured';
  if (p99Us > p99LimitMs * 1000) return `p99 ${(p99Us / 1000).toFixed(1)} ms over the ${p99LimitMs} ms limit`;
  return undefined;
}

/** The figures of one step, under its step names. */
function stepFigures(run: MeasuredRun, connections: number, passed: boolean): Record<string, number> {
  const m = run.metrics;
  const figures: Record<string, number | undefined> = {
    [stepMetric(connections, 'latency_p50_us')]: m.latency_p50_us,
    [stepMetric(connections, 'latency_p99_us')]: m.latency_p99_us,
    [stepMetric(connections, 'connections_open')]: m.connections,
    [stepMetric(connections, 'connect_all_ms')]: m.connect_all_ms,
    [stepMetric(connections, 'server_rss_kib_per_conn')]: m.server_rss_kib_per_conn,
    [stepMetric(connections, 'server_heap_kib_per_conn')]: m.server_heap_kib_per_conn,
    [stepMetric(connections, 'client_rss_kib_per_conn')]: m.client_rss_kib_per_conn,
    [stepMetric(connections, 'passed')]: passed ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(figures).filter((e): e is [string, number] => e[1] !== undefined));
}

/** Runs one step's stream cell; the search's seam for tests. */
export type StepRunner = (cell: CellPlan, abort: AbortSignal) => Promise<MeasuredRun>;

/**
 * Steps through `steps` until one misses the limit, fails to run or does not fit the machine; the
 * knee is the last step that met it. Every step taken leaves its figures, the missed one included.
 */
export async function searchCapacity(
  cell: CellPlan,
  steps: readonly number[],
  abort: AbortSignal,
  runStep: StepRunner = runStreamCell,
  limitOf: (connections: number) => string | undefined = machineLimit,
): Promise<MeasuredRun> {
  const { p99LimitMs } = capacityParamsOf(cell);
  const metrics: Record<string, number> = { capacity_p99_limit_ms: p99LimitMs, capacity_knee_connections: 0 };
  const warnings: string[] = [];
  let lastRun: MeasuredRun | undefined;
  for (const connections of steps) {
    if (abort.aborted) break;
    const limit = limitOf(connections);
    if (limit !== undefined) {
      warnings.push(`capacity: ${connections} connections not tried: the machine ${limit}`);
      break;
    }
    let run: MeasuredRun;
    try {
      run = await runStep(stepCell(cell, connections), abort);
    } catch (err) {
      warnings.push(`capacity: the step at ${connections} connections failed to run: ${(err as Error).message}`);
      break;
    }
    lastRun = run;
    const missed = stepVerdict(run, connections, p99LimitMs);
    Object.assign(metrics, stepFigures(run, connections, missed === undefined));
    if (missed !== undefined) {
      warnings.push(`capacity: ${connections} connections missed: ${missed}`);
      break;
    }
    metrics.capacity_knee_connections = connections;
  }
  return {
    metrics,
    // No histograms: the last step's would be drawn as the cell's latency, and it is the step that missed.
    histograms: {},
    errorCounts: {},
    warnings: [...warnings, ...(lastRun?.warnings ?? [])],
    serverConfig: lastRun?.serverConfig ?? {},
  };
}

export const runCapacityCell: CellRunner = (cell, abort) => searchCapacity(cell, CAPACITY_STEPS, abort);
