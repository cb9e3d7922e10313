/**
 * `npm run worker -- --redis URL`: a load worker for distributed runs, on any machine with this
 * checkout built. It takes one shard at a time from the Redis the coordinator (`npm run bench --
 * --redis URL --shards N`) queues on, runs it, and waits for the next, until Ctrl-C or SIGTERM.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { EXIT } from '../../cli/exit-codes.js';
import { UsageError } from '../../cli/usage-error.js';
import { killAllChildren } from '../spawn.js';
import { redisProblem } from './redis-connection.js';
import { parseRedisUrl, redactRedisUrl } from './redis-url.js';
import { LOCK_DURATION_MS, SHARD_QUEUE } from './shard-protocol.js';
import { startShardWorker } from './shard-worker.js';
import { exitWhenDone } from '../../cli/exit-when-done.js';

export const WORKER_HELP = `Usage: npm run worker -- --redis URL

Starts a load worker for distributed runs: it takes shards (a share of one cell's connections) from
the Redis queue that \`npm run bench -- --redis URL --shards N\` fills, runs them at the run's common
start time, and returns their results for the exact merge. One shard at a time; start one worker per
shard (on as many machines as you like; each needs this checkout, npm install and npm run build).

Options:
  --redis URL     the Redis the coordinator uses, redis://HOST:PORT (rediss:// for TLS)
  -h, --help      this text

A killed worker's shard is noticed within ${LOCK_DURATION_MS / 1000} s and fails the run; it is never re-run.
Ctrl-C or SIGTERM stops the worker (a shard it is running fails, saying so).

Exit codes: 0 stopped; 2 bad usage; ${EXIT.unavailable} Redis unreachable at start; 70 internal error.`;

function parseWorkerArgs(argv: string[]): { help: boolean; redis?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { redis: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    throw new UsageError('arguments', `${(err as Error).message}; see --help`);
  }
  if (values.help) return { help: true };
  if (values.redis === undefined)
    throw new UsageError(
      '--redis',
      'is required: give the Redis the coordinator uses, e.g. --redis redis://10.0.0.5:6379',
    );
  return { help: false, redis: parseRedisUrl(values.redis) };
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseWorkerArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.usage;
  }
  if (options.help || options.redis === undefined) {
    process.stdout.write(`${WORKER_HELP}\n`);
    return EXIT.ok;
  }
  const unreachable = await redisProblem(options.redis);
  if (unreachable !== undefined) {
    process.stderr.write(`error: ${unreachable}\n`);
    return EXIT.unavailable;
  }
  const log = (line: string) => process.stderr.write(`worker ${process.pid}: ${line}\n`);
  const running = await startShardWorker(options.redis, log);
  log(`ready on ${hostname()}: taking shards from ${redactRedisUrl(options.redis)} (queue ${SHARD_QUEUE})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: stopping`);
      // A second signal leaves at once.
      process.once('SIGINT', () => process.exit(EXIT.interrupted));
      process.once('SIGTERM', () => process.exit(EXIT.interrupted));
      void running.close().finally(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return EXIT.ok;
}

exitWhenDone(main(process.argv.slice(2)), killAllChildren);
