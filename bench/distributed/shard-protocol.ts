/**
 * What the coordinator and the load workers agree on: the queues, the jobs' data and results, and
 * the options that make a load job run once or fail loudly. A distributed cell is one BullMQ flow:
 * a parent job on the merge queue whose children are the shards on the shard queue, one each. The
 * parent runs only when every shard has completed; a shard that fails fails the parent with it.
 */
import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { ClientRunConfig, ClientRunResult } from '../../clients/client-protocol.js';
import type { ShardHostRecord } from '../results.js';

/** Every key of a distributed run lives under this prefix, apart from anything else on that Redis. */
export const QUEUE_PREFIX = 'sse-ws-bench';
/** Shard jobs: one share of a cell's connections each, run by `npm run worker`. */
export const SHARD_QUEUE = 'shards';
/** Parent jobs: merge the shards' results once all are done; the coordinator runs this queue's worker. */
export const MERGE_QUEUE = 'merge';
/**
 * Bumped when the job data or result changes shape: a worker of another build refuses the job by
 * name instead of running it wrong (the coordinator and the workers must run the same checkout).
 */
export const SHARD_PROTOCOL = 1;

/** How long a worker holds a job's lock between renewals: a killed worker's shard is noticed within it. */
export const LOCK_DURATION_MS = 5000;

/**
 * A load job runs at most once. `attempts: 1` (a failure is final), and on the worker side
 * `maxStalledCount: 0` (a job whose worker stopped renewing its lock is failed, not put back in the
 * queue) and `maxStartedAttempts: 1` (a job is never started a second time, whatever the cause).
 * `failParentOnFailure` fails the merge with any shard, so a partial set is never merged.
 */
export const SHARD_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  failParentOnFailure: true,
  // Kept an hour (completed) or a day (failed) for inspection, then gone: no Redis grows without bound.
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 86_400 },
};
export const MERGE_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 86_400 },
};
export const LOAD_WORKER_OPTIONS: Omit<WorkerOptions, 'connection'> = {
  prefix: QUEUE_PREFIX,
  concurrency: 1,
  maxStalledCount: 0,
  maxStartedAttempts: 1,
  lockDuration: LOCK_DURATION_MS,
  stalledInterval: 2000,
};

export interface ShardJobData {
  protocol: number;
  runId: string;
  cellId: string;
  /** 0-based; messages say `shard 2/4` (1-based). */
  shard: number;
  shards: number;
  /** This shard's client process configuration: its share of the connections, the server's URL as is. */
  config: ClientRunConfig;
  /** The common start time on Redis's clock (ms since the epoch): every shard's warm-up begins then. */
  startAtMs: number;
  /** The coordinator's host name: a loopback server URL is reachable from workers on that host only. */
  coordinatorHost: string;
  /** A TLS transport's certificate to trust, as PEM: the coordinator's run certificate file is not on other hosts. */
  caPem?: string;
  /**
   * When the server runs on the coordinator's host (ours, not a --target): that host's monotonic
   * clock against Redis (HostClockOffset.monotonicOffsetNs), so a shard elsewhere can put its receive
   * times on the server's clock.
   */
  serverHostMonotonicOffsetNs?: string;
}

/** A machine that ran a shard, as the results document records it. */
export type ShardHost = ShardHostRecord;

export interface ShardJobResult {
  host: ShardHost;
  result: ClientRunResult;
}

export interface MergeJobData {
  protocol: number;
  runId: string;
  cellId: string;
  shards: number;
}

export interface MergeJobResult {
  result: ClientRunResult;
  /** One per shard, in shard order. */
  hosts: ShardHost[];
}

export function shardJobId(runId: string, shard: number): string {
  return `${runId}-shard-${shard}`;
}

export function mergeJobId(runId: string): string {
  return `${runId}-merge`;
}

/** The Redis key a coordinator sets to stop a failed run's remaining shards. */
export function cancelKey(runId: string): string {
  return `${QUEUE_PREFIX}:cancel:${runId}`;
}

/** Set by the first worker that takes a shard: a second taker refuses, whatever BullMQ decided. */
export function ranKey(runId: string, shard: number): string {
  return `${QUEUE_PREFIX}:ran:${runId}:${shard}`;
}

/** `shard 2/4` */
export function shardLabel(shard: number, shards: number): string {
  return `shard ${shard + 1}/${shards}`;
}
