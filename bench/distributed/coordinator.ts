/**
 * The coordinator of a distributed cell (`npm run bench -- --redis URL --shards N`): queues the
 * cell's client side as one BullMQ flow (N shard jobs under one merge job), runs the merge worker
 * itself, and watches the flow until the merge's result comes back or something fails:
 *
 * - a shard that fails (late, crashed, cancelled, stalled) fails the run with its own message;
 * - a shard no worker has picked up by the start time fails it (too few workers);
 * - a shard whose worker died (its job still active, its lock expired) fails it, without waiting
 *   for another worker's stalled-job check;
 * - nothing done by the coordinator's own deadline (the window plus slack) fails it.
 *
 * On failure the run's cancel key stops the shards still running and the jobs not yet taken are
 * removed, so nothing measures on after the run has failed, and nothing is ever re-run.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { FlowProducer, Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClientPhase, ClientRunConfig, ClientRunResult } from '../../clients/client-protocol.js';
import { PhaseError } from '../phase-error.js';
import type { ErrorCategory } from '../results.js';
import { measureClockOffset, nowMs } from './clock.js';
import { bullConnection, openRedis, redisProblem } from './redis-connection.js';
import { REDIS_UNREACHABLE, redactRedisUrl } from './redis-url.js';
import {
  cancelKey,
  LOCK_DURATION_MS,
  MERGE_JOB_OPTIONS,
  MERGE_QUEUE,
  type MergeJobData,
  type MergeJobResult,
  mergeJobId,
  QUEUE_PREFIX,
  SHARD_JOB_OPTIONS,
  SHARD_PROTOCOL,
  SHARD_QUEUE,
  type ShardHost,
  type ShardJobData,
  shardJobId,
} from './shard-protocol.js';
import { describeShard, type RunningWorker, startMergeWorker } from './shard-worker.js';

export interface DistributedOptions {
  /** The Redis every worker and the coordinator share (checked by parseRedisUrl). */
  redis: string;
  shards: number;
}

export interface CoordinatorOptions extends DistributedOptions {
  cellId: string;
  /**
   * From now to the common start time (ms). Default: time for every worker to take its shard and
   * open its connections (startDelayFor). Tests set it short, or negative to make every shard late.
   */
  startDelayMs?: number;
  /** How often the flow is looked at (ms). */
  pollMs?: number;
  /** The server runs on this host (ours; not a --target): shards elsewhere correct their clocks onto it. */
  serverOnThisHost?: boolean;
}

export interface DistributedResult {
  /** The flow's id: its jobs are `<runId>-shard-<i>` and `<runId>-merge` (kept an hour for inspection). */
  runId: string;
  result: ClientRunResult;
  /** One per shard, in shard order. */
  hosts: ShardHost[];
}

type OnPhase = (phase: ClientPhase) => Promise<void> | void;

/** After the start time, how long a shard may still sit unclaimed before the run fails for lack of workers. */
const PICKUP_GRACE_MS = 1000;
/** After the window, time for the shards to close, report and the merge to run. */
const FINISH_SLACK_MS = 15_000;
/** A Redis that answers nothing for this long is lost (BullMQ's own commands wait for a reconnect forever). */
const REDIS_ANSWER_MS = 5000;

/** `promise`, or the Redis-lost failure if it has not settled within `ms`. */
function answered<T>(promise: Promise<T>, url: string, what: string, ms = REDIS_ANSWER_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ShardRunError(
            REDIS_UNREACHABLE,
            `lost Redis at ${redactRedisUrl(url)} mid-run: ${what} got no answer within ${ms / 1000} s; the run fails (check that Redis is up and reachable from here)`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, lost]).finally(() => clearTimeout(timer));
}

/** One-way latency across hosts compares two hosts' monotonic clocks: say so in the run's warnings. */
export function crossHostWarning(hosts: readonly ShardHost[], here: string, hereRttMs = 0): string | undefined {
  const away = hosts.filter((h) => h.hostname !== here);
  const elsewhere = [...new Set(away.map((h) => h.hostname))];
  if (elsewhere.length === 0) return undefined;
  if (away.every((h) => h.clockCorrectionMs !== undefined)) {
    // Each side's offset to Redis is right to within half its round trip; the correction adds both.
    const boundMs = Math.max(...away.map((h) => h.clockRttMs)) / 2 + hereRttMs / 2;
    return (
      `shards ran on other hosts than the server's (${elsewhere.join(', ')}): their receive times were put on the ` +
      `server host's clock through Redis TIME, so latency_* and service_latency_* there are good to about ±${boundMs.toFixed(2)} ms ` +
      '(README, "Running across machines")'
    );
  }
  return (
    `shards ran on other hosts than the server's (${elsewhere.join(', ')}): latency_* and service_latency_* ` +
    "compare two hosts' monotonic clocks and are not one-way latencies there; quote counts, throughput, " +
    'connect times (README, "Running across machines")'
  );
}

/**
 * Time for a worker to take its shard, fork its client process and open its share of connections:
 * 3 s, 2 ms a connection, and one and a half times its share of a stated connect ramp.
 */
export function startDelayFor(config: Pick<ClientRunConfig, 'connections' | 'connectRatePerSec'>): number {
  const ramp = config.connectRatePerSec !== undefined ? (1500 * config.connections) / config.connectRatePerSec : 0;
  return Math.ceil(3000 + 2 * config.connections + ramp);
}

/** A distributed run that failed: the cell fails with this category and message. */
export class ShardRunError extends PhaseError {
  constructor(category: ErrorCategory, message: string) {
    super(category, message);
  }
}

interface ShardProgress {
  host?: ShardHost;
}

function hostOf(job: Job | undefined): ShardHost | undefined {
  const progress = job?.progress as ShardProgress | undefined;
  return typeof progress === 'object' && progress !== null ? progress.host : undefined;
}

/** What a failed shard job says, prefixed with the shard and host when its own message does not name them. */
function failureMessage(job: Job<ShardJobData>): string {
  const subject = describeShard(job.data.shard, job.data.shards, hostOf(job));
  const reason = job.failedReason || 'failed with no reason given';
  if (reason.startsWith('shard ')) return reason;
  if (/stalled/i.test(reason))
    return `${subject}: its worker died or stalled (lock not renewed within ${LOCK_DURATION_MS} ms); the shard is not re-run: ${reason}`;
  return `${subject}: ${reason}`;
}

function categoryOf(message: string): ErrorCategory {
  if (/: late:/.test(message)) return 'shard:late';
  if (/died|stalled/.test(message)) return 'shard:died';
  return 'shard:failed';
}

export async function runDistributedClients(
  configs: readonly ClientRunConfig[],
  options: CoordinatorOptions,
  onPhase: OnPhase,
  abort: AbortSignal,
): Promise<DistributedResult> {
  const { redis: url, shards, cellId } = options;
  if (configs.length !== shards)
    throw new Error(`${shards} shards need ${shards} client configs, got ${configs.length}`);
  const unreachable = await redisProblem(url);
  if (unreachable !== undefined) throw new ShardRunError(REDIS_UNREACHABLE, unreachable);
  const runId = randomUUID();
  const redis = openRedis(url);
  redis.on('error', () => undefined); // commands that fail reject; the probe above named an unreachable Redis
  let merger: RunningWorker;
  try {
    await redis.connect();
    merger = await answered(startMergeWorker(url), url, 'starting the merge worker');
  } catch (err) {
    redis.disconnect();
    throw err instanceof ShardRunError ? err : new ShardRunError(REDIS_UNREACHABLE, (err as Error).message);
  }
  const connection = bullConnection(url);
  const flows = new FlowProducer({ connection, prefix: QUEUE_PREFIX });
  const shardQueue = new Queue<ShardJobData>(SHARD_QUEUE, { connection, prefix: QUEUE_PREFIX });
  const mergeQueue = new Queue<MergeJobData, MergeJobResult>(MERGE_QUEUE, { connection, prefix: QUEUE_PREFIX });
  let failed = false;
  // Ends the phase reports and the watch with the run, whatever way it ends (the plan's abort included).
  const done = new AbortController();
  const onAbort = () => done.abort();
  abort.addEventListener('abort', onAbort, { once: true });
  try {
    const clock = await measureClockOffset(redis);
    const startDelayMs = options.startDelayMs ?? Math.max(...configs.map(startDelayFor));
    const startAtMs = nowMs() + clock.offsetMs + startDelayMs;
    const startLocal = startAtMs - clock.offsetMs;
    const { warmupMs, durationMs, tls } = configs[0]!;
    const caPem = tls?.caFile !== undefined ? readFileSync(tls.caFile, 'utf8') : undefined;
    await answered(
      flows.add({
        name: cellId,
        queueName: MERGE_QUEUE,
        data: { protocol: SHARD_PROTOCOL, runId, cellId, shards } satisfies MergeJobData,
        opts: { ...MERGE_JOB_OPTIONS, jobId: mergeJobId(runId) },
        children: configs.map((config, shard) => ({
          name: `${cellId} shard ${shard + 1}/${shards}`,
          queueName: SHARD_QUEUE,
          data: {
            protocol: SHARD_PROTOCOL,
            runId,
            cellId,
            shard,
            shards,
            config,
            startAtMs,
            coordinatorHost: hostname(),
            ...(caPem !== undefined ? { caPem } : {}),
            ...(options.serverOnThisHost ? { serverHostMonotonicOffsetNs: clock.monotonicOffsetNs } : {}),
          } satisfies ShardJobData,
          opts: { ...SHARD_JOB_OPTIONS, jobId: shardJobId(runId, shard) },
        })),
      }),
      url,
      'queueing the flow',
    );
    // A shard has the grace to be taken after the start time, and never less than that after the flow exists.
    const pickupDeadline = Math.max(startLocal, nowMs()) + PICKUP_GRACE_MS;
    const phases = runPhases(onPhase, startLocal, { warmupMs, durationMs }, done.signal);
    const watched = watchFlow({
      runId,
      shards,
      redis,
      shardQueue,
      mergeQueue,
      pickupDeadline,
      deadlineLocal: startLocal + warmupMs + durationMs + FINISH_SLACK_MS,
      pollMs: options.pollMs ?? 200,
      abort: done.signal,
      url,
    });
    const merged = await Promise.race([watched, phases.failed]);
    await phases.closed(); // the window's closing sample, if the merge came back first (bounded streams)
    const warning = crossHostWarning(merged.hosts, hostname(), clock.rttMs);
    if (warning !== undefined) merged.result.warnings = [...merged.result.warnings, warning];
    return merged;
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    done.abort();
    abort.removeEventListener('abort', onAbort);
    if (failed || abort.aborted)
      await answered(cancelRun(runId, shards, redis, shardQueue), url, 'cancelling the run').catch(() => undefined);
    // Closing waits on Redis too: bounded, so a lost Redis does not hang the run.
    const closed = Promise.allSettled([merger.close(), flows.close(), shardQueue.close(), mergeQueue.close()]);
    await answered(closed, url, 'closing the queues').catch(() => undefined);
    redis.disconnect();
  }
}

/**
 * The server is sampled at the window's edges as for a local client process: warm-up at the start
 * time, measuring after the warm-up, closing at the window's end (or when the result is in). Once
 * `done` fires (the run failed), no further phase is reported.
 */
function runPhases(
  onPhase: OnPhase,
  startLocal: number,
  window: { warmupMs: number; durationMs: number },
  done: AbortSignal,
) {
  let closedEarly: () => void = () => undefined;
  const early = new Promise<void>((resolve) => (closedEarly = resolve));
  const until = (at: number) => sleep(Math.max(0, at - nowMs()), undefined, { signal: done }).catch(() => undefined);
  const report = async (phase: ClientPhase) => {
    if (!done.aborted) await onPhase(phase);
  };
  const chain = (async () => {
    await report('connecting');
    await until(startLocal);
    await report('warmup');
    await until(startLocal + window.warmupMs);
    await report('measuring');
    await Promise.race([until(startLocal + window.warmupMs + window.durationMs), early]);
    await report('closing');
  })();
  chain.catch(() => undefined); // reported through `failed` or `closed`, whichever is awaited
  return {
    /** Rejects if sampling the server fails; never resolves otherwise. */
    failed: chain.then(() => new Promise<never>(() => undefined)),
    /** Ends the window now if it has not ended, and resolves once the closing phase is reported. */
    closed: () => (closedEarly(), chain),
  };
}

/** A shard whose worker died: it is not re-run, the run fails. */
function diedError(job: Job<ShardJobData>, shard: number, shards: number): ShardRunError {
  return new ShardRunError(
    'shard:died',
    `${describeShard(shard, shards, hostOf(job))}: its worker died or stalled mid-shard (its lock was not renewed ` +
      `within ${LOCK_DURATION_MS} ms); the shard is not re-run and the run fails`,
  );
}

interface Watch {
  runId: string;
  shards: number;
  redis: Redis;
  shardQueue: Queue<ShardJobData>;
  mergeQueue: Queue<MergeJobData, MergeJobResult>;
  pickupDeadline: number;
  deadlineLocal: number;
  pollMs: number;
  abort: AbortSignal;
  url: string;
}

/** Looks at the flow until the merge's result is in, or throws the first failure found. */
async function watchFlow(watch: Watch): Promise<DistributedResult> {
  const lockless = new Set<number>();
  while (true) {
    if (watch.abort.aborted) throw new ShardRunError('shard:failed', 'the distributed run was interrupted');
    const merged = await answered(lookAtFlow(watch, lockless), watch.url, 'watching the flow');
    if (merged !== undefined) return merged;
    await sleep(watch.pollMs);
  }
}

/** One look: the result when the merge is done, a ShardRunError when something failed, else undefined. */
async function lookAtFlow(watch: Watch, lockless: Set<number>): Promise<DistributedResult | undefined> {
  const { runId, shards, shardQueue, mergeQueue } = watch;
  const parent = await Job.fromId<MergeJobData, MergeJobResult>(mergeQueue, mergeJobId(runId));
  if (parent === undefined)
    throw new ShardRunError('shard:failed', `the run's merge job ${mergeJobId(runId)} vanished from Redis`);
  const parentState = await parent.getState();
  if (parentState === 'completed') {
    // Read again: the job read above may predate its completion (and so its return value).
    const value = (await Job.fromId<MergeJobData, MergeJobResult>(mergeQueue, mergeJobId(runId)))?.returnvalue;
    if (value === undefined || value === null)
      throw new ShardRunError('shard:failed', `the run's merge job ${mergeJobId(runId)} completed with no result`);
    return { runId, result: value.result, hosts: value.hosts };
  }
  const children = await Promise.all(
    Array.from({ length: shards }, (_, shard) => Job.fromId<ShardJobData>(shardQueue, shardJobId(runId, shard))),
  );
  const states = await Promise.all(children.map((job) => job?.getState()));
  // A failed shard first: its own message is the clearest.
  for (const [shard, job] of children.entries()) {
    if (job === undefined)
      throw new ShardRunError('shard:failed', `${describeShard(shard, shards)}: its job vanished from Redis`);
    if (states[shard] === 'failed') {
      // Read again: the job read above may predate its failure (and so its failedReason).
      const failed = (await Job.fromId<ShardJobData>(shardQueue, shardJobId(runId, shard))) ?? job;
      const message = failureMessage(failed);
      throw new ShardRunError(categoryOf(message), message);
    }
  }
  if (parentState === 'failed')
    throw new ShardRunError('shard:failed', `merge failed: ${parent.failedReason || 'no reason given'}`);
  const now = nowMs();
  for (const [shard, job] of children.entries()) {
    const state = states[shard];
    const queued = state === 'waiting' || state === 'prioritized' || state === 'delayed';
    // Back in the queue after a start: BullMQ's stalled check put a dead worker's job there to be failed.
    if (queued && (job!.attemptsStarted > 0 || job!.stalledCounter > 0)) throw diedError(job!, shard, shards);
    if (queued && now > watch.pickupDeadline) {
      const workers = await shardQueue.getWorkersCount().catch(() => undefined);
      throw new ShardRunError(
        'shard:late',
        `${describeShard(shard, shards)}: late: no worker took it by the common start time` +
          `${workers === undefined ? '' : ` (${workers} workers on the queue)`}; a ${shards}-shard run needs ${shards} ` +
          'free workers: start more with npm run worker -- --redis URL',
      );
    }
    if (state === 'active') {
      const locked = (await watch.redis.exists(`${QUEUE_PREFIX}:${SHARD_QUEUE}:${job!.id}:lock`)) > 0;
      // Looked at twice in a row: a job that completes between the two reads is not mistaken for a dead one.
      if (!locked && (await job!.getState()) === 'active') {
        if (lockless.has(shard)) throw diedError(job!, shard, shards);
        lockless.add(shard);
      } else lockless.delete(shard);
    }
  }
  if (now > watch.deadlineLocal) {
    const pending = children
      .map((job, shard) => ({ job, shard, state: states[shard] }))
      .filter((c) => c.state !== 'completed')
      .map((c) => `${describeShard(c.shard, shards, hostOf(c.job))} (${c.state})`);
    throw new ShardRunError(
      'shard:timeout',
      `the distributed run did not finish by its deadline (the window plus ${FINISH_SLACK_MS / 1000} s): ` +
        `${pending.length > 0 ? `still running: ${pending.join(', ')}` : 'every shard completed but the merge did not run'}`,
    );
  }
  return undefined;
}

/** Stops what is left of a failed run: running shards see the cancel key, queued ones are removed. */
async function cancelRun(runId: string, shards: number, redis: Redis, shardQueue: Queue<ShardJobData>): Promise<void> {
  try {
    await redis.set(cancelKey(runId), '1', 'EX', 86_400);
    for (let shard = 0; shard < shards; shard++) {
      const job = await Job.fromId(shardQueue, shardJobId(runId, shard));
      const state = await job?.getState();
      if (state === 'waiting' || state === 'prioritized' || state === 'delayed')
        await job!.remove({ removeChildren: false }).catch(() => undefined);
    }
  } catch {
    // Redis gone too: the shards' own deadlines and the cancel check at pickup remain.
  }
}
