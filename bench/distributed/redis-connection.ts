/**
 * The Redis a distributed run meets on: reachability probed before anything is queued (a distinct
 * error, so the CLIs exit with EXIT.unavailable instead of failing a cell), and the clients and
 * connection options BullMQ and our own commands use.
 */
import { Redis } from 'ioredis';
import { redactRedisUrl } from './redis-url.js';

/** Redis could not be reached (refused, unknown host, timed out, refused our credentials). */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
}

const PROBE_TIMEOUT_MS = 3000;

/** BullMQ's connection options for a URL: commands wait for a reconnect instead of failing (workers require it). */
export function bullConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** A plain client for our own commands (TIME, the cancel key): fails fast rather than queueing while down. */
export function openRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => (times > 3 ? null : 200 * times),
  });
}

/** Connects once and PINGs; throws RedisUnreachableError naming the URL, the cause and the fix. */
export async function probeRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND …) says more than the rejected connect()'s "Connection is closed".
  let cause: Error | undefined;
  redis.on('error', (err: Error) => (cause ??= err));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    const reason = (cause ?? (err as Error)).message;
    throw new RedisUnreachableError(
      `cannot reach Redis at ${redactRedisUrl(url)}: ${reason}; start Redis there ` +
        `(e.g. redis-server --port ${new URL(url).port || 6379}) or give the right --redis URL`,
    );
  } finally {
    redis.disconnect();
  }
}

/** The probe's message when Redis cannot be reached, else undefined. */
export async function redisProblem(url: string): Promise<string | undefined> {
  try {
    await probeRedis(url);
    return undefined;
  } catch (err) {
    if (err instanceof RedisUnreachableError) return err.message;
    throw err;
  }
}
