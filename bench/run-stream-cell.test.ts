/** End to end through real child processes: the runner's path, per transport. */
import { describe, expect, it } from 'vitest';
import './all-families.js';
import { resolvePlan, type CellPlan } from './plan.js';
import { runStreamCell } from './run-stream-cell.js';
import { liveChildCount } from './spawn.js';

function boundedCell(transport: 'sse' | 'ws' | 'tcp', count: number): CellPlan {
  const plan = resolvePlan({
    profile: 'quick',
    scenarios: [transport === 'tcp' ? 'tcp-floor' : 'steady'],
    transports: [transport],
  });
  const cell = plan.cells[0]!;
  return {
    ...cell,
    query: `rate=5000&count=${count}&size=64`,
    client: { ...cell.client, connections: 1, warmupMs: 0, durationMs: 20_000, untilEnd: true },
  };
}

describe.each(['sse', 'ws', 'tcp'] as const)('a %s cell end to end', (transport) => {
  it('delivers every message once, in order, with latency and server figures recorded', async () => {
    const run = await runStreamCell(boundedCell(transport, 2000), new AbortController().signal);
    expect(run.metrics).toMatchObject({
      messages_checked: 2000,
      lost_count: 0,
      duplicated_count: 0,
      reordered_count: 0,
      corrupted_count: 0,
    });
    expect(run.metrics.latency_p50_us).toBeGreaterThan(0);
    expect(run.metrics.latency_p50_us).toBeLessThanOrEqual(run.metrics.latency_p99_us!);
    expect(run.metrics.server_cpu_us_per_msg).toBeGreaterThan(0);
    expect(run.histograms.latency_us).toBeTypeOf('string');
    expect(run.serverConfig).toMatchObject({ transport, writeMode: 'coalesced' });
    expect(liveChildCount()).toBe(0);
  });
});
