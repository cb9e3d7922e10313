import { describe, expect, it } from 'vitest';
import { buildCapacitySection } from '../../reports/capacity-section.js';
import type { MeasuredRun } from '../families.js';
import { resolvePlan, type CellPlan } from '../plan.js';
import '../all-families.js';
import { stepMetric } from './capacity-metrics.js';
import { CAPACITY_STEPS, CONNECTIONS_PER_CLIENT_PROCESS } from './capacity-scenario.js';
import { searchCapacity, stepVerdict } from './run-capacity-cell.js';
import type { ResultsDocument } from '../results.js';

function capacityCell(p99LimitMs?: number): CellPlan {
  const plan = resolvePlan({
    profile: 'quick',
    scenarios: ['capacity'],
    transports: ['ws'],
    ...(p99LimitMs !== undefined ? { capacityP99Ms: p99LimitMs } : {}),
  });
  return plan.cells[0]!;
}

/** A step that opened every connection, lost nothing, and had this p99. */
function fakeRun(connections: number, p99Ms: number, extra: Partial<MeasuredRun> = {}): MeasuredRun {
  return {
    metrics: {
      connections,
      lost_count: 0,
      latency_p50_us: p99Ms * 500,
      latency_p99_us: p99Ms * 1000,
      server_rss_kib_per_conn: 12,
    },
    histograms: {},
    errorCounts: {},
    warnings: [],
    serverConfig: {},
    ...extra,
  };
}

describe('the capacity search', () => {
  it('takes --capacity-p99-ms into the cells, and refuses it without the capacity scenario', () => {
    expect(capacityCell().params.p99LimitMs).toBe(100);
    expect(capacityCell(250).params.p99LimitMs).toBe(250);
    expect(() => resolvePlan({ profile: 'quick', scenarios: ['steady'], capacityP99Ms: 50 })).toThrow(
      /--capacity-p99-ms: applies to the capacity scenario only/,
    );
  });

  it('runs only when named: no profile brings it or fan-out-10k in', () => {
    for (const profile of ['default', 'quick', 'full', 'ci']) {
      const names = resolvePlan({ profile }).scenarios.map((s) => s.name);
      expect(names).not.toContain('capacity');
      expect(names).not.toContain('fan-out-10k');
    }
  });

  it('steps until the p99 passes the limit; the knee is the last step that met it', async () => {
    const p99ByStep = new Map([
      [500, 5],
      [1000, 20],
      [2000, 140],
      [5000, 10],
    ]);
    const tried: CellPlan[] = [];
    const run = await searchCapacity(
      capacityCell(),
      [500, 1000, 2000, 5000],
      new AbortController().signal,
      async (cell) => {
        tried.push(cell);
        return fakeRun(cell.client.connections, p99ByStep.get(cell.client.connections)!);
      },
    );
    expect(tried.map((cell) => cell.client.connections)).toEqual([500, 1000, 2000]);
    expect(run.metrics.capacity_knee_connections).toBe(1000);
    expect(run.metrics[stepMetric(1000, 'passed')]).toBe(1);
    expect(run.metrics[stepMetric(2000, 'passed')]).toBe(0);
    expect(run.metrics[stepMetric(2000, 'latency_p99_us')]).toBe(140_000);
    expect(run.metrics[stepMetric(5000, 'latency_p99_us')]).toBeUndefined();
    expect(run.warnings).toContain('capacity: 2000 connections missed: p99 140.0 ms over the 100 ms limit');
  });

  it('splits a step into client processes of at most CONNECTIONS_PER_CLIENT_PROCESS', async () => {
    const processes: number[] = [];
    await searchCapacity(
      capacityCell(),
      [20_000],
      new AbortController().signal,
      async (cell) => {
        processes.push(cell.clientProcesses);
        return fakeRun(cell.client.connections, 1);
      },
      () => undefined,
    );
    expect(processes).toEqual([20_000 / CONNECTIONS_PER_CLIENT_PROCESS]);
  });

  it('stops at a step the machine cannot hold, or one that fails to run, without a knee beyond it', async () => {
    const noRoom = await searchCapacity(
      capacityCell(),
      [500, 1000],
      new AbortController().signal,
      async (cell) => fakeRun(cell.client.connections, 1),
      (connections) => (connections > 500 ? 'has too few ports' : undefined),
    );
    expect(noRoom.metrics.capacity_knee_connections).toBe(500);
    expect(noRoom.warnings[0]).toMatch(/1000 connections not tried: the machine has too few ports/);
    const crashed = await searchCapacity(capacityCell(), [500], new AbortController().signal, async () => {
      throw new Error('server exited');
    });
    expect(crashed.metrics.capacity_knee_connections).toBe(0);
    expect(crashed.warnings[0]).toMatch(/failed to run: server exited/);
  });

  it('misses a step that lost messages or left connections unopened, whatever its latency', () => {
    expect(stepVerdict(fakeRun(500, 1), 500, 100)).toBeUndefined();
    expect(stepVerdict(fakeRun(499, 1), 500, 100)).toBe('499 of 500 connections open');
    expect(stepVerdict(fakeRun(500, 1, { errorCounts: { reset: 2 } }), 500, 100)).toMatch(/2 connection errors/);
    const lossy = fakeRun(500, 1);
    lossy.metrics.lost_count = 3;
    expect(stepVerdict(lossy, 500, 100)).toMatch(/3 messages lost/);
  });

  it('reports the knee per transport with each step tried', () => {
    const cell = (transport: 'sse' | 'ws', knee: number, steps: [number, number, number][]) => ({
      id: `capacity/${transport}`,
      scenario: 'capacity',
      transport,
      variant: transport,
      params: {},
      config: {},
      runs: [{ repeat: 0, status: 'ok', metrics: {}, histograms: {}, errorCounts: {}, warnings: [] }],
      warnings: [],
      summary: Object.fromEntries(
        [
          ['capacity_knee_connections', knee],
          ['capacity_p99_limit_ms', 100],
          ...steps.flatMap(([n, p99Us, passed]) => [
            [stepMetric(n, 'latency_p99_us'), p99Us],
            [stepMetric(n, 'passed'), passed],
          ]),
        ].map(([name, value]) => [name, { n: 1, median: value as number, min: value, max: value }]),
      ),
    });
    const doc = {
      plan: { scenarios: ['capacity'], skippedScenarios: [] },
      cells: [
        cell('sse', 500, [
          [500, 40_000, 1],
          [1000, 120_000, 0],
        ]),
        cell('ws', 0, [[500, 150_000, 0]]),
      ],
    } as unknown as ResultsDocument;
    const section = buildCapacitySection(doc)!;
    expect(section.table.headers.length).toBe(2 + CAPACITY_STEPS.length);
    expect(section.table.rows[0]!.slice(0, 4)).toEqual(['SSE', '500', 'p99 40 ms', '✗ p99 120 ms']);
    expect(section.table.rows[1]![1]).toBe('0');
    expect(section.interpretation[0]).toBe(
      'SSE: held 500 connections within a 100 ms p99; at 1,000 the p99 was 120 ms.',
    );
    expect(section.interpretation[1]).toMatch(
      /^WebSocket: no step met the 100 ms p99 limit; at 500 the p99 was 150 ms/,
    );
  });
});
