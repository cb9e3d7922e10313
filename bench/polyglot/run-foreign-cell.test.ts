/**
 * The other-languages cells end to end (server child, foreign client child), the stream they ask
 * for, and the refusal to make up figures when a runtime is missing. Needs a fresh build (the
 * server runs from dist/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePlan, type CellPlan } from '../plan.js';
import { liveChildCount } from '../spawn.js';
import { planBoundedStream } from './bounded-stream.js';
import { liveForeignCount } from './foreign-process.js';
import './polyglot-family.js';
import { findForeignClientCell, OTHER_LANGUAGES_SCENARIO } from './polyglot-scenarios.js';
import { foreignClientArgs, runForeignCell } from './run-foreign-cell.js';

afterEach(() => {
  expect(liveForeignCount()).toBe(0);
  expect(liveChildCount()).toBe(0);
});

function cellFor(variant: string): CellPlan {
  const plan = resolvePlan({ profile: 'quick', scenarios: [OTHER_LANGUAGES_SCENARIO], warmupMs: 100, durationMs: 300 });
  const cell = plan.cells.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no cell ${variant}`);
  return cell;
}

describe('bounded stream plan', () => {
  it('sizes the stream from the profile: warm-up messages, then the measured ones', () => {
    expect(planBoundedStream(1000, 300, 1000)).toEqual({
      ratePerSec: 1000,
      warmupCount: 300,
      count: 1300,
      streamMs: 1300,
    });
  });

  it('refuses a closed-loop stream', () => {
    expect(() => planBoundedStream(0, 300, 1000)).toThrow(expect.objectContaining({ category: 'config' }));
  });
});

describe('foreignClientArgs', () => {
  const stream = planBoundedStream(1000, 100, 300);

  it('asks a GET client for the bounded stream with its count', () => {
    const args = foreignClientArgs(
      findForeignClientCell('python-ws'),
      'ws://127.0.0.1:9/stream?rate=1000&size=64',
      stream,
    );
    expect(args[0]).toBe('ws://127.0.0.1:9/stream?rate=1000&size=64&count=400');
    expect(args).toEqual(expect.arrayContaining(['--warmup-count', '100', '--expect-first-seq', '1']));
  });

  it('has a POST client ask /llm for count tokens at the stream rate, as JSON', () => {
    const args = foreignClientArgs(
      findForeignClientCell('java-sse-post'),
      'http://127.0.0.1:9/stream?rate=1000',
      stream,
    );
    expect(args[0]).toBe('http://127.0.0.1:9/llm');
    const body = JSON.parse(args[args.indexOf('--body') + 1]!) as Record<string, unknown>;
    expect(body).toMatchObject({ tokens: 400, tokenDelayMs: 1 });
    expect(args[args.indexOf('--method') + 1]).toBe('POST');
  });
});

describe('runForeignCell', () => {
  it.each(['python-sse', 'java-ws', 'python-sse-post'])(
    '%s: works, whole stream, latency on the shared clock',
    async (variant) => {
      const run = await runForeignCell(cellFor(variant), new AbortController().signal);
      expect(run.metrics).toMatchObject({
        client_works: 1,
        unexpected_outcome_count: 0,
        messages_received: 400,
        lost_count: 0,
        duplicated_count: 0,
        corrupted_count: 0,
        clock_mismatch_us: 0,
      });
      expect(run.metrics.latency_p50_us).toBeGreaterThan(0);
      expect(run.metrics.client_process_ms).toBeGreaterThan(0);
      expect(run.warnings).toEqual([]);
      expect(run.errorCounts).toEqual({});
    },
  );

  it('fails with a config error naming the install command when the runtime is missing, starting nothing', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(runForeignCell(cellFor('java-sse'), new AbortController().signal)).rejects.toMatchObject({
        category: 'config',
        message: expect.stringContaining('apt-get install -y openjdk-17'),
      });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
