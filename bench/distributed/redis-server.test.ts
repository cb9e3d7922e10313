/** The private Redis the tests start: reachable, without persistence, and gone without a trace after stop(). */
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { measureClockOffset } from './clock.js';
import { probeRedis, RedisUnreachableError } from './redis-connection.js';
import { freeLoopbackPort, startRedisServer } from './redis-server.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startRedisServer', () => {
  it('serves on a loopback port with persistence off, and stop() leaves no process or folder', async () => {
    const server = await startRedisServer();
    const redis = new Redis(server.url, { lazyConnect: true });
    let dir = '';
    let pid = 0;
    try {
      await redis.connect();
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(await redis.config('GET', 'save')).toEqual(['save', '']);
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
      dir = ((await redis.config('GET', 'dir')) as string[])[1]!;
      pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))![1]);
      expect(existsSync(dir)).toBe(true);
      // Same machine, same clock: the offset is within the round trip (and a few ms of scheduling).
      const clock = await measureClockOffset(redis, 5);
      expect(Math.abs(clock.offsetMs)).toBeLessThan(clock.rttMs / 2 + 5);
      // The monotonic offset maps this process's hrtime onto Redis's (here, the wall) clock.
      const onRedisClockMs = Number(BigInt(clock.monotonicOffsetNs) + process.hrtime.bigint()) / 1e6;
      expect(Math.abs(onRedisClockMs - Date.now())).toBeLessThan(clock.rttMs / 2 + 5);
    } finally {
      redis.disconnect();
      await server.stop();
    }
    expect(alive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('the probe names an unreachable Redis and the fix', async () => {
    const port = await freeLoopbackPort();
    const probe = probeRedis(`redis://127.0.0.1:${port}`);
    await expect(probe).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(probe).rejects.toThrow(
      new RegExp(`cannot reach Redis at redis://127.0.0.1:${port}.*ECONNREFUSED.*start Redis there`),
    );
  });
});
