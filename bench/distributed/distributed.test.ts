/**
 * Distributed runs on loopback, as a user runs them: a private Redis, four real worker processes
 * (`node dist/bench/distributed/worker-cli.js --redis URL`, as `npm run worker` starts them) and one
 * stream server. The merge is exact; a killed worker or a late shard fails the run by name and
 * nothing runs twice; an unreachable Redis exits 69. No process outlives the file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import * as hdr from 'hdr-histogram-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRunConfig } from '../../clients/client-protocol.js';
import type { ServerSample } from '../../servers/main.js';
import { shareConfigs } from '../cell-clients.js';
import { REPO_ROOT } from '../paths.js';
import { type CellPlan, resolvePlan } from '../plan.js';
import { findProcessesWithEnv } from '../process-scan.js';
import { clientUrl } from '../run-stream-cell.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { runDistributedClients, ShardRunError } from './coordinator.js';
import { bullConnection } from './redis-connection.js';
import { freeLoopbackPort, type RedisServer, startRedisServer } from './redis-server.js';
import { QUEUE_PREFIX, SHARD_QUEUE, type ShardJobData, type ShardJobResult, shardJobId } from './shard-protocol.js';

const WORKER_CLI = path.join(REPO_ROOT, 'dist', 'bench', 'distributed', 'worker-cli.js');
const BENCH_CLI = path.join(REPO_ROOT, 'dist', 'bench', 'cli.js');
const TAG = 'SSE_WS_BENCH_DISTRIBUTED_TEST';
const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
const WORKERS = 4;

let redis: RedisServer;
let server: ServerProcess;
let cell: CellPlan;
let shardQueue: Queue<ShardJobData, ShardJobResult>;
const workers = new Map<number, ChildProcess>();
/** Every line the workers wrote: each shard a worker takes up is logged once, with its cell. */
const workerLog: string[] = [];

/** Resolves when `child` has exited; SIGKILLs it if it has not within `graceMs` of `signal`. */
async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** A worker process, resolved once it says it is taking shards (bounded). */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER_CLI, '--redis', redis.url], {
    env: { ...process.env, [TAG]: tag },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready in 10 s: ${stderr}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      workerLog.push(...String(chunk).split('\n').filter(Boolean));
      stderr += chunk;
      if (stderr.includes('ready on')) {
        clearTimeout(timer);
        workers.set(child.pid!, child);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      workers.delete(child.pid!);
      reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`));
    });
  });
}

/** Tops the pool back up to WORKERS live workers. */
async function fillWorkers(): Promise<void> {
  const missing = WORKERS - workers.size;
  await Promise.all(Array.from({ length: missing }, startWorker));
}

function configs(shards: number, window = { warmupMs: 300, durationMs: 1500 }): ClientRunConfig[] {
  return shareConfigs({ ...cell.client, ...window, url: clientUrl(cell, server.url) }, shards);
}

async function jobsOf(runCell: string): Promise<Job<ShardJobData, ShardJobResult>[]> {
  const jobs = await shardQueue.getJobs(['active', 'waiting', 'completed', 'failed', 'delayed', 'prioritized']);
  return jobs.filter((job) => job.data.cellId === runCell);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  redis = await startRedisServer();
  [cell] = resolvePlan({ profile: 'default', scenarios: ['steady'], transports: ['sse'] }).cells as [CellPlan];
  server = await startServerProcess(cell.server);
  shardQueue = new Queue(SHARD_QUEUE, { connection: bullConnection(redis.url), prefix: QUEUE_PREFIX });
  await fillWorkers();
}, 30_000);

afterAll(async () => {
  await Promise.allSettled([...workers.values()].map((child) => stop(child)));
  await shardQueue?.close();
  await server?.stop();
  await redis?.stop();
  // The workers' client processes inherit the tag: none may be left.
  expect(findProcessesWithEnv(TAG, tag)).toEqual([]);
}, 30_000);

afterEach(() => fillWorkers(), 30_000);

describe('a distributed stream cell', () => {
  it('merges four shards exactly: the histogram is the sum of theirs, the counts add up', async () => {
    const samples: ServerSample[] = [];
    const phases: string[] = [];
    const run = await runDistributedClients(
      configs(4),
      { redis: redis.url, shards: 4, cellId: 'test-merge', startDelayMs: 1500, serverOnThisHost: true },
      async (phase) => {
        phases.push(phase);
        if (phase === 'measuring') samples.push(await server.sample());
      },
      new AbortController().signal,
    );
    expect(phases).toEqual(['connecting', 'warmup', 'measuring', 'closing']);
    // Every connection of the cell open once on the server during the window: no shard twice, none missing.
    expect(samples[0]!.connectionsOpen).toBe(cell.client.connections);

    const shards = await Promise.all(
      [0, 1, 2, 3].map(
        async (i) => (await Job.fromId<ShardJobData, ShardJobResult>(shardQueue, shardJobId(run.runId, i)))!,
      ),
    );
    for (const job of shards) expect(job.attemptsStarted).toBe(1);
    const results = shards.map((job) => job.returnvalue.result);
    // The shards' histograms decoded and added by hand: the first one's precision, the others added to it.
    const [first, ...rest] = results.map((r) => hdr.decodeFromCompressedBase64(r.histograms.latency_us!));
    const sum = first!;
    sum.autoResize = true;
    for (const histogram of rest) sum.add(histogram);
    const merged = hdr.decodeFromCompressedBase64(run.result.histograms.latency_us!);
    expect(merged.totalCount).toBeGreaterThan(0);
    expect(merged.totalCount).toBe(sum.totalCount);
    expect(merged.minNonZeroValue).toBe(sum.minNonZeroValue);
    expect(merged.maxValue).toBe(sum.maxValue);
    for (const p of [50, 90, 99, 99.9]) expect(merged.getValueAtPercentile(p)).toBe(sum.getValueAtPercentile(p));
    expect(run.result.metrics.latency_p50_us).toBe(sum.getValueAtPercentile(50));

    const total = (name: string) => results.reduce((n, r) => n + (r.metrics[name] ?? 0), 0);
    expect(results.map((r) => r.metrics.connections)).toEqual([3, 3, 2, 2]);
    expect(run.result.metrics.connections).toBe(cell.client.connections);
    expect(run.result.metrics.messages_received).toBe(total('messages_received'));
    expect(run.result.metrics.lost_count).toBe(0);

    expect(run.hosts.map((h) => h.shard)).toEqual([0, 1, 2, 3]);
    expect(new Set(run.hosts.map((h) => h.pid)).size).toBe(4);
    for (const host of run.hosts) {
      expect(workers.has(host.pid)).toBe(true);
      // One machine, one clock: the offset is within the round trip, the start within a few ms.
      expect(Math.abs(host.clockOffsetMs)).toBeLessThan(host.clockRttMs / 2 + 5);
      expect(Math.abs(host.startSkewMs!)).toBeLessThan(50);
      // On the server's own host nothing is corrected: one clock already, and no Redis error added.
      expect(host.clockCorrectionMs).toBeUndefined();
    }
    expect(run.result.warnings.some((w) => /other hosts/.test(w))).toBe(false);
  });

  it('fails cleanly when a worker is killed mid-shard: the shard named, nothing run twice', async () => {
    const abort = new AbortController();
    const run = runDistributedClients(
      configs(4, { warmupMs: 300, durationMs: 8000 }),
      { redis: redis.url, shards: 4, cellId: 'test-kill', startDelayMs: 1500 },
      () => undefined,
      abort.signal,
    );
    run.catch(() => undefined);
    // Once every shard is taken and measuring, the worker of the third one is killed outright.
    const victim = await waitFor('four active shards', async () => {
      const jobs = await jobsOf('test-kill');
      const active = jobs.filter((job) => (job.progress as { host?: unknown }).host !== undefined);
      return active.length === 4 ? active.find((job) => job.data.shard === 2) : undefined;
    });
    const pid = (victim.progress as { host: { pid: number } }).host.pid;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await stop(workers.get(pid)!, 'SIGKILL');

    const error = await run.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ShardRunError);
    expect((error as ShardRunError).category, (error as Error).message).toBe('shard:died');
    expect((error as Error).message).toMatch(new RegExp(`^shard 3/4 on \\S+ \\(pid ${pid}\\): .*(died|stalled)`));

    // Nothing re-run: each shard's clients ran once (one worker took it up), none is queued or running
    // again, and the server is idle.
    await new Promise((resolve) => setTimeout(resolve, 4000)); // two stalled-check rounds of the other workers
    const taken = workerLog.filter((line) => /: test-kill, \d+ connections/.test(line));
    expect(taken.map((line) => /shard (\d)\/4/.exec(line)![1]).sort()).toEqual(['1', '2', '3', '4']);
    for (const job of await jobsOf('test-kill'))
      expect(await job.getState(), `shard ${job.data.shard + 1}`).toBe('failed');
    expect((await server.sample()).connectionsOpen).toBe(0);
  });

  it('fails a late shard: picked up after the common start time', async () => {
    const error = await runDistributedClients(
      configs(4),
      { redis: redis.url, shards: 4, cellId: 'test-late', startDelayMs: -1000 },
      () => undefined,
      new AbortController().signal,
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ShardRunError);
    expect((error as ShardRunError).category, (error as Error).message).toBe('shard:late');
    expect((error as Error).message).toMatch(
      /^shard \d\/4 on \S+ \(pid \d+\): late: picked up \d+ ms after the common start time/,
    );
    for (const job of await jobsOf('test-late')) expect(job.attemptsStarted).toBeLessThanOrEqual(1);
  });

  it('fails a shard no worker took by the start time, saying how many workers a run needs', async () => {
    const error = await runDistributedClients(
      configs(5),
      { redis: redis.url, shards: 5, cellId: 'test-unclaimed', startDelayMs: 1000 },
      () => undefined,
      new AbortController().signal,
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((error as ShardRunError).category, (error as Error).message).toBe('shard:late');
    expect((error as Error).message).toMatch(
      /^shard 5\/5: late: no worker took it by the common start time \(4 workers on the queue\); a 5-shard run needs 5 free workers/,
    );
    // Its job is removed, so a worker started later does not run a shard of a failed run.
    await waitFor('the other shards to stop', async () => {
      const jobs = await jobsOf('test-unclaimed');
      return jobs.every((job) => job.finishedOn !== undefined) ? true : undefined;
    });
    expect((await jobsOf('test-unclaimed')).map((job) => job.data.shard).sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('the command line', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function run(cli: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, [TAG]: tag },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      }),
    );
  }

  it('an unreachable Redis: exit 69 and the URL, the cause and the fix named, nothing written', async () => {
    const port = await freeLoopbackPort();
    const dir = mkdtempSync(path.join(tmpdir(), 'distributed-cli-'));
    dirs.push(dir);
    const out = path.join(dir, 'results.json');
    const bench = await run(BENCH_CLI, [
      ...['--redis', `redis://127.0.0.1:${port}`, '--shards', '2', '--scenario', 'steady'],
      ...['--no-report', '--quiet', '--out', out],
    ]);
    expect(bench.stderr).toMatch(
      new RegExp(`error: cannot reach Redis at redis://127.0.0.1:${port}/?: connect ECONNREFUSED .*start Redis there`),
    );
    expect(bench.code).toBe(69);
    expect(existsSync(out)).toBe(false);
    const worker = await run(WORKER_CLI, ['--redis', `redis://127.0.0.1:${port}`]);
    expect(worker.code).toBe(69);
    expect(worker.stderr).toMatch(/cannot reach Redis/);
  });

  it.each([
    [['--shards', '2', '--scenario', 'steady'], /--shards: needs --redis URL/],
    [['--redis', 'http://127.0.0.1:6379', '--shards', '2'], /--redis: .* is not a Redis URL/],
    [
      ['--redis', 'redis://127.0.0.1:6379', '--shards', '0', '--scenario', 'steady'],
      /--shards: must be an integer from 1/,
    ],
    [['--redis', 'redis://127.0.0.1:6379', '--shards', '2', '--scenario', 'chat'], /scenario chat has chat members/],
  ])('bad usage %j: exit 2 with the fix', async (args, message) => {
    const bench = await run(BENCH_CLI, args);
    expect(bench.code).toBe(2);
    expect(bench.stderr).toMatch(message);
  });

  it('a worker without --redis: exit 2 with the fix', async () => {
    const worker = await run(WORKER_CLI, []);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/--redis: is required/);
  });
});
