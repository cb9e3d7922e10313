/** The `--redis` URL, checked before anything starts (no Redis client loaded for it). */
import { UsageError } from '../../cli/usage-error.js';

/** The error category of a cell whose Redis went away mid-run: the bench exits with EXIT.unavailable. */
export const REDIS_UNREACHABLE = 'shard:redis-unreachable';

/** Checks a `--redis` value: `redis://` or `rediss://` (TLS), with a host. Returns it normalised. */
export function parseRedisUrl(raw: string, field = '--redis'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(field, `${JSON.stringify(raw)} is not a URL; give e.g. redis://127.0.0.1:6379`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new UsageError(
      field,
      `${raw} is not a Redis URL (scheme ${url.protocol}); give redis://HOST:PORT (or rediss:// for TLS), e.g. redis://127.0.0.1:6379`,
    );
  if (url.hostname === '') throw new UsageError(field, `${raw} names no host; give redis://HOST:PORT`);
  return url.href;
}

/** The URL with any password masked, for messages and logs. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}
