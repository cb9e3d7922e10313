/**
 * The two kinds of job of a distributed cell, as BullMQ workers run them.
 *
 * A shard (any load machine, `npm run worker`): measure this host's clock against Redis, refuse to
 * start if the common start time has passed, open the share of connections, wait for the start time
 * (on Redis's clock), measure the same window as every other shard, return the client result.
 *
 * The merge (the coordinator's own worker): runs once every shard of the flow has completed, checks
 * it has exactly one result per shard, and merges them exactly (bench/merge-client-runs.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClientRunConfig } from '../../clients/client-protocol.js';
import { runClientProcess } from '../client-process.js';
import { mergeClientRuns } from '../merge-client-runs.js';
import { clockCorrectionNs, measureClockOffset, nowMs } from './clock.js';
import { bullConnection, openRedis } from './redis-connection.js';
import {
  cancelKey,
  LOAD_WORKER_OPTIONS,
  MERGE_QUEUE,
  type MergeJobData,
  type MergeJobResult,
  QUEUE_PREFIX,
  ranKey,
  SHARD_PROTOCOL,
  SHARD_QUEUE,
  type ShardHost,
  type ShardJobData,
  type ShardJobResult,
  shardLabel,
} from './shard-protocol.js';

const CANCEL_POLL_MS = 500;

/** `shard 2/4 on load-3 (pid 4711)`: what every message about a shard starts with. */
export function describeShard(shard: number, shards: number, host?: Pick<ShardHost, 'hostname' | 'pid'>): string {
  const where = host === undefined ? '' : ` on ${host.hostname} (pid ${host.pid})`;
  return `${shardLabel(shard, shards)}${where}`;
}

/**
 * How long until the start time, on this host's clock; throws the 'late' failure when it has passed.
 * `what` says which moment was late (picked up, connections open).
 */
export function untilStart(startAtMs: number, offsetMs: number, now: number, subject: string, what: string): number {
  const waitMs = startAtMs - offsetMs - now;
  if (waitMs <= 0)
    throw new UnrecoverableError(
      `${subject}: late: ${what} ${Math.round(-waitMs)} ms after the common start time; the run fails rather ` +
        'than measure a shorter window on this shard (start one worker per shard before the run, check this ' +
        "host's load and its clock's offset)",
    );
  return waitMs;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** A shard's client configuration on this host: a TLS certificate to trust written where the client can read it. */
function localConfig(data: ShardJobData, subject: string): { config: ClientRunConfig; dispose: () => void } {
  const host = new URL(data.config.url).hostname;
  if (LOOPBACK.test(host) && data.coordinatorHost !== hostname())
    throw new UnrecoverableError(
      `${subject}: the server listens on loopback (${data.config.url}) on the coordinator's host ${data.coordinatorHost}, ` +
        'which this worker cannot reach: run the workers on that host, or measure a --target every worker can reach',
    );
  if (data.caPem === undefined) return { config: data.config, dispose: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'sse-ws-bench-shard-'));
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, data.caPem);
  return {
    config: { ...data.config, tls: { ...data.config.tls, caFile } },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ShardWorkerContext {
  redis: Redis;
  /** Aborted when this worker is asked to stop: the running shard ends and fails, saying so. */
  stopping: AbortSignal;
  log: (line: string) => void;
}

export async function runShard(
  job: Job<ShardJobData, ShardJobResult>,
  context: ShardWorkerContext,
): Promise<ShardJobResult> {
  const data = job.data;
  const me = { hostname: hostname(), pid: process.pid };
  const subject = describeShard(data.shard, data.shards, me);
  if (data.protocol !== SHARD_PROTOCOL)
    throw new UnrecoverableError(
      `${subject}: the job speaks shard protocol ${data.protocol}, this worker ${SHARD_PROTOCOL}: run the coordinator and the workers from the same checkout`,
    );
  // Belt and braces over attempts: 1 and maxStalledCount: 0: a shard's clients run once, or not at all.
  const taken = await context.redis.set(
    ranKey(data.runId, data.shard),
    `${me.hostname} (pid ${me.pid})`,
    'EX',
    86_400,
    'NX',
  );
  if (taken === null)
    throw new UnrecoverableError(
      `${subject}: refused: this shard was already taken once (by ${await context.redis.get(ranKey(data.runId, data.shard))}); a shard is never re-run`,
    );
  const clock = await measureClockOffset(context.redis);
  // On the server's own host one clock is read on both ends already: no correction, no error added.
  const correctionNs =
    data.serverHostMonotonicOffsetNs !== undefined && me.hostname !== data.coordinatorHost
      ? clockCorrectionNs(clock, data.serverHostMonotonicOffsetNs)
      : undefined;
  const host: ShardHost = {
    shard: data.shard,
    ...me,
    clockOffsetMs: clock.offsetMs,
    clockRttMs: clock.rttMs,
    ...(correctionNs !== undefined ? { clockCorrectionMs: correctionNs / 1e6 } : {}),
  };
  await job.updateProgress({ host });
  if ((await context.redis.exists(cancelKey(data.runId))) > 0)
    throw new UnrecoverableError(`${subject}: not started: the run was already cancelled (another shard failed)`);
  untilStart(data.startAtMs, clock.offsetMs, nowMs(), subject, 'picked up');
  const local = localConfig(data, subject);
  const dispose = local.dispose;
  const config = correctionNs !== undefined ? { ...local.config, clockCorrectionNs: correctionNs } : local.config;
  context.log(
    `${subject}: ${data.cellId}, ${data.config.connections} connections, clock offset ${clock.offsetMs.toFixed(1)} ms (rtt ${clock.rttMs.toFixed(1)} ms)`,
  );

  const abort = new AbortController();
  const stop = () => abort.abort();
  context.stopping.addEventListener('abort', stop, { once: true });
  let cancelled = false;
  const watch = setInterval(() => {
    context.redis.exists(cancelKey(data.runId)).then(
      (n) => n > 0 && ((cancelled = true), abort.abort()),
      () => undefined, // a Redis blip is not a cancel; the lock renewal notices a real loss
    );
  }, CANCEL_POLL_MS);
  let startSkewMs: number | undefined;
  try {
    const result = await runClientProcess(config, () => undefined, abort.signal, {
      beforeStart: async () => {
        const waitMs = untilStart(data.startAtMs, clock.offsetMs, nowMs(), subject, 'its connections were all open');
        await sleep(waitMs, undefined, { signal: abort.signal });
        // A timer may fire a little early by this clock: the last stretch is waited out exactly.
        while (nowMs() < data.startAtMs - clock.offsetMs) await new Promise((resolve) => setImmediate(resolve));
        startSkewMs = nowMs() + clock.offsetMs - data.startAtMs;
      },
    });
    if (cancelled) throw new UnrecoverableError(`${subject}: stopped: the coordinator cancelled the run`);
    if (context.stopping.aborted) throw new UnrecoverableError(`${subject}: stopped: its worker was asked to stop`);
    return { host: { ...host, ...(startSkewMs !== undefined ? { startSkewMs } : {}) }, result };
  } catch (err) {
    if (err instanceof UnrecoverableError) throw err;
    const reason = cancelled
      ? 'the coordinator cancelled the run'
      : context.stopping.aborted
        ? 'its worker was asked to stop'
        : (err as Error).message;
    const category = (err as { category?: string }).category;
    throw new UnrecoverableError(`${subject}: failed${category ? ` (${category})` : ''}: ${reason}`);
  } finally {
    dispose();
    clearInterval(watch);
    context.stopping.removeEventListener('abort', stop);
  }
}

/** The parent job: exactly one result per shard, or no merge at all. */
export async function runMerge(job: Job<MergeJobData, MergeJobResult>): Promise<MergeJobResult> {
  const { shards, cellId } = job.data;
  const values = Object.values(await job.getChildrenValues<ShardJobResult>());
  const seen = [...new Set(values.map((v) => v.host.shard))].sort((a, b) => a - b);
  const complete = values.length === shards && seen.length === shards && seen.every((shard, i) => shard === i);
  if (!complete)
    throw new UnrecoverableError(
      `merge of ${cellId}: got ${values.length} shard results (shards ${seen.map((s) => s + 1).join(', ') || 'none'}) of ${shards}: a partial set is never merged`,
    );
  const ordered = [...values].sort((a, b) => a.host.shard - b.host.shard);
  return { result: mergeClientRuns(ordered.map((v) => v.result)), hosts: ordered.map((v) => v.host) };
}

export interface RunningWorker {
  worker: Worker;
  /** Stops taking jobs; a running shard is stopped (and fails, saying why); resolves when all is closed. */
  close(): Promise<void>;
}

/** A load worker: takes one shard at a time from the shard queue. */
export async function startShardWorker(
  redisUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<RunningWorker> {
  const redis = openRedis(redisUrl);
  await redis.connect();
  const stopping = new AbortController();
  const worker = new Worker<ShardJobData, ShardJobResult>(
    SHARD_QUEUE,
    (job) => runShard(job, { redis, stopping: stopping.signal, log }),
    { ...LOAD_WORKER_OPTIONS, connection: bullConnection(redisUrl) },
  );
  worker.on('error', (err) => log(`worker error: ${err.message}`));
  worker.on('failed', (job, err) => {
    if (job === undefined) return;
    log(
      err.message.startsWith('shard ')
        ? err.message
        : `${describeShard(job.data.shard, job.data.shards)}: ${err.message}`,
    );
  });
  await worker.waitUntilReady();
  return {
    worker,
    close: async () => {
      stopping.abort();
      await worker.close();
      redis.disconnect();
    },
  };
}

/** A merge worker (the coordinator runs one for its own flows; any merge worker can merge any flow). */
export async function startMergeWorker(redisUrl: string): Promise<RunningWorker> {
  const worker = new Worker<MergeJobData, MergeJobResult>(MERGE_QUEUE, runMerge, {
    ...LOAD_WORKER_OPTIONS,
    prefix: QUEUE_PREFIX,
    connection: bullConnection(redisUrl),
  });
  worker.on('error', () => undefined); // the coordinator's own deadline and probe report a lost Redis
  await worker.waitUntilReady();
  return { worker, close: () => worker.close() };
}
