/** --redis and --shards as the plan and the command line take them, and the clock arithmetic. */
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/usage-error.js';
import { parseCliArgs } from '../cli-args.js';
import { resolvePlan } from '../plan.js';
import { bestSample, clockCorrectionNs, offsetFromSample } from './clock.js';
import { crossHostWarning, startDelayFor } from './coordinator.js';
import { untilStart } from './shard-worker.js';
import { parseRedisUrl } from './redis-url.js';

const REDIS = 'redis://127.0.0.1:6379';

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('no error thrown');
}

describe('--redis and --shards in the plan', () => {
  it('marks every stream cell distributed and records the shard count', () => {
    const plan = resolvePlan({ profile: 'default', scenarios: ['steady', 'fan-out'], redis: REDIS, shards: 4 });
    expect(plan.shards).toBe(4);
    expect(plan.cells.length).toBeGreaterThan(0);
    for (const cell of plan.cells) expect(cell.distributed).toEqual({ redis: REDIS, shards: 4 });
  });

  it('leaves a plan without them on this machine', () => {
    const plan = resolvePlan({ profile: 'default', scenarios: ['steady'] });
    expect(plan.shards).toBeUndefined();
    for (const cell of plan.cells) expect(cell.distributed).toBeUndefined();
  });

  it.each([
    [{ shards: 2 }, /--shards: needs --redis URL/],
    [{ redis: REDIS }, /--redis: needs --shards N/],
    [{ redis: REDIS, shards: 0 }, /--shards: must be an integer from 1 to 1000, got 0/],
  ])('refuses %j, naming the fix', (options, message) => {
    expect(usageError(() => resolvePlan({ profile: 'default', scenarios: ['steady'], ...options })).message).toMatch(
      message,
    );
  });

  it.each([
    ['chat', /chat members/],
    ['llm-stream', /LLM answers/],
    ['max-throughput', /1 connection, fewer than --shards 2/],
  ])('refuses the named scenario %s, saying why and how to run it', (scenario, why) => {
    const error = usageError(() => resolvePlan({ profile: 'default', scenarios: [scenario], redis: REDIS, shards: 2 }));
    expect(error.message).toMatch(why);
    expect(error.message).toMatch(/drop it from --scenario, or run it without --redis\/--shards/);
  });

  it('skips with a warning the scenarios a profile brings in that cannot run in shards', () => {
    const plan = resolvePlan({ profile: 'full', redis: REDIS, shards: 2 });
    expect(plan.scenarios.map((s) => s.name)).toContain('steady');
    expect(plan.scenarios.map((s) => s.name)).not.toContain('chat');
    expect(plan.skippedScenarios).toContain('chat');
    expect(plan.warnings).toContainEqual(expect.stringMatching(/^chat: skipped with --shards: it has chat members/));
    for (const cell of plan.cells) {
      expect(cell.scenario.family).toBe('stream');
      expect(cell.client.llm ?? cell.client.chat ?? cell.client.reconnect).toBeUndefined();
    }
  });
});

describe('--redis and --shards on the command line', () => {
  it('takes a redis:// URL and a count', () => {
    const options = parseCliArgs(['--redis', REDIS, '--shards', '3']);
    expect(options.redis).toBe(`${REDIS}`);
    expect(options.shards).toBe(3);
  });

  it.each([
    [
      ['--redis', 'http://127.0.0.1:6379'],
      /--redis: http:\/\/127.0.0.1:6379 is not a Redis URL \(scheme http:\); give redis:\/\/HOST:PORT/,
    ],
    [['--redis', 'not a url'], /--redis: "not a url" is not a URL/],
    [['--shards', 'two'], /--shards: must be a whole number, got "two"/],
    [['--ab', '../base', '--redis', REDIS, '--shards', '2'], /--ab: runs on this machine only/],
  ])('refuses %j', (argv, message) => {
    expect(usageError(() => parseCliArgs(argv)).message).toMatch(message);
  });

  it('accepts rediss:// (TLS) and keeps the password out of nothing but messages', () => {
    expect(parseRedisUrl('rediss://user:secret@redis.example:6380')).toBe('rediss://user:secret@redis.example:6380');
  });
});

describe('the common start time', () => {
  it('leaves time to take the shard and open its share, at its share of a stated ramp', () => {
    expect(startDelayFor({ connections: 3 })).toBe(3006);
    // fan-out-10k in four shards: 2,500 connections each at 500 a second (5 s), with half again to spare.
    expect(startDelayFor({ connections: 2500, connectRatePerSec: 500 })).toBe(3000 + 5000 + 7500);
  });
});

describe('a late shard', () => {
  it('waits until the start time on its own clock, corrected by the offset to Redis', () => {
    // Redis is 5 ms ahead: the start at Redis's 10,000 is 9,995 here; at 9,900 that is 95 ms away.
    expect(untilStart(10_000, 5, 9_900, 'shard 1/2', 'picked up')).toBe(95);
  });

  it('fails, by shard and moment, once the start time has passed', () => {
    const late = () => untilStart(10_000, 5, 10_007, 'shard 2/2 on load-3 (pid 7)', 'its connections were all open');
    expect(late).toThrow(UnrecoverableError);
    expect(late).toThrow(
      /^shard 2\/2 on load-3 \(pid 7\): late: its connections were all open 12 ms after the common start time; the run fails/,
    );
  });
});

describe('clock offsets', () => {
  it("takes Redis's time against the midpoint of the round trip", () => {
    // Sent at 1000, answered 1010 on Redis's clock, received at 1004: Redis is 8 ms ahead, exact to ±2 ms.
    expect(offsetFromSample(1000, 1010, 1004)).toEqual({ offsetMs: 8, rttMs: 4 });
  });

  it('keeps the sample with the shortest round trip', () => {
    const best = bestSample([
      { offsetMs: 30, rttMs: 9 },
      { offsetMs: 8, rttMs: 0.4 },
      { offsetMs: 12, rttMs: 2 },
    ]);
    expect(best).toEqual({ offsetMs: 8, rttMs: 0.4 });
  });
});

describe('clocks of shards on other hosts', () => {
  const host = (hostname: string, clockRttMs: number, clockCorrectionMs?: number) => ({
    shard: 0,
    hostname,
    pid: 1,
    clockOffsetMs: 0,
    clockRttMs,
    ...(clockCorrectionMs !== undefined ? { clockCorrectionMs } : {}),
  });

  it('a correction is the shard host’s monotonic offset to Redis minus the server host’s', () => {
    // Redis reads 1,000,000 s when the server host's hrtime reads 5 s and the shard's 9 s.
    const server = String(1_000_000_000_000_000n - 5_000_000_000n);
    const shard = { offsetMs: 0, rttMs: 0.2, monotonicOffsetNs: String(1_000_000_000_000_000n - 9_000_000_000n) };
    // The shard's clock reads 4 s ahead of the server host's: its receive times move back by 4 s.
    expect(clockCorrectionNs(shard, server)).toBe(-4_000_000_000);
  });

  it('warns that one-way figures are not latencies unless every other host was corrected, then gives the bound', () => {
    expect(crossHostWarning([host('here', 0.2)], 'here')).toBeUndefined();
    expect(crossHostWarning([host('here', 0.2), host('there', 0.4)], 'here')).toMatch(
      /are not one-way latencies there/,
    );
    expect(crossHostWarning([host('here', 0.2), host('there', 0.4, -3.2)], 'here', 0.4)).toMatch(
      /put on the server host's clock through Redis TIME, so latency_\* and service_latency_\* there are good to about ±0\.40 ms/,
    );
  });
});
