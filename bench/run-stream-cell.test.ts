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

describe('a cell over several client processes', () => {
  it('gates them to one window and merges their counts and histograms', async () => {
    const cell = resolvePlan({ profile: 'quick', scenarios: ['steady'], transports: ['ws'] }).cells[0]!;
    const shared: CellPlan = {
      ...cell,
      clientProcesses: 3,
      client: { ...cell.client, connections: 7, warmupMs: 200, durationMs: 600, measureMemory: true },
    };
    const run = await runStreamCell(shared, new AbortController().signal);
    expect(run.metrics).toMatchObject({ connections: 7, lost_count: 0, duplicated_count: 0, reordered_count: 0 });
    expect(run.metrics.connect_all_ms).toBeGreaterThan(0);
    expect(run.metrics.client_rss_kib_per_conn).toBeTypeOf('number');
    // One window for all three: the server, sampled from the first process's start to the last one's
    // end, delivered about what the clients counted (ungated, its window would span all three's).
    const received = run.metrics.messages_received!;
    const delivered = run.metrics.server_messages_delivered!;
    expect(received).toBeGreaterThan(7 * 1000 * 0.6 * 0.5);
    expect(received / delivered).toBeGreaterThan(0.8);
    expect(liveChildCount()).toBe(0);
  });
});

describe('a clock correction (a shard on another host)', () => {
  it('moves every receive time by it: one-way latencies shift, intervals do not', async () => {
    const cell = boundedCell('ws', 500);
    const corrected: CellPlan = { ...cell, client: { ...cell.client, clockCorrectionNs: 20_000_000 } };
    const run = await runStreamCell(corrected, new AbortController().signal);
    expect(run.metrics.latency_p50_us).toBeGreaterThanOrEqual(20_000);
    expect(run.metrics.service_latency_p50_us).toBeGreaterThanOrEqual(20_000);
    // Connect time is an interval on one clock: the correction cancels out.
    expect(run.metrics.connect_p50_us).toBeLessThan(20_000);
    expect(run.metrics.lost_count).toBe(0);
  });
});
