/**
 * Fault cells end to end, through real server and client processes (run `npx tsc -p tsconfig.json`
 * first): the invariants every fault scenario must hold, per transport.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import '../all-families.js';
import type { MeasuredRun } from '../families.js';
import { resolvePlan, type CellPlan } from '../plan.js';
import { liveChildCount } from '../spawn.js';
import { runFaultCell } from './run-fault-cell.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function planCell(scenario: string, variant: string): CellPlan {
  const cell = resolvePlan({ profile: 'quick', scenarios: [scenario] }).cells.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no cell ${scenario}/${variant}`);
  return cell;
}

async function runCell(scenario: string, variant: string): Promise<MeasuredRun> {
  const run = await runFaultCell(planCell(scenario, variant), new AbortController().signal);
  expect(liveChildCount()).toBe(0);
  return run;
}

/** Every sequence number reached the application exactly once, in order, and every connection came back. */
function expectExactlyOnce(run: MeasuredRun, connections: number): void {
  expect(run.metrics).toMatchObject({
    lost_count: 0,
    duplicated_count: 0,
    reordered_count: 0,
    corrupted_count: 0,
    unrecovered_count: 0,
  });
  expect(run.metrics.drops_count).toBeGreaterThanOrEqual(connections);
  // Resume must have had work to do, or "nothing lost" proves nothing.
  expect(run.metrics.replayed_count).toBeGreaterThan(0);
}

describe.each(['sse', 'ws'] as const)('fault cells end to end (%s)', (transport) => {
  it.each(['reconnect-reset', 'reconnect-kill'])(
    'with resume, after %s: nothing lost, nothing twice',
    async (scenario) => {
      const run = await runCell(scenario, `${transport}-resume`);
      expectExactlyOnce(run, 10);
      expect(run.metrics.detect_p50_ms).toBeLessThan(500); // a reset or a dead process is seen at once
    },
  );

  it('with resume, after a half-open path: nothing lost, and the heartbeat timeout noticed it', async () => {
    const run = await runCell('reconnect-half-open', `${transport}-resume`);
    expectExactlyOnce(run, 10);
    const idleTimeoutMs = planCell('reconnect-half-open', `${transport}-resume`).client.reconnect!.idleTimeoutMs;
    // Nothing else can notice a silent path: detection takes the idle timeout (heartbeat interval + slack).
    expect(run.metrics.detect_p50_ms).toBeGreaterThan(idleTimeoutMs * 0.8);
    expect(run.metrics.detect_max_ms).toBeLessThan(idleTimeoutMs + 1500);
    expect(run.errorCounts['timeout:heartbeat']).toBe(10);
  });

  it('without resume, a kill-restart loses what fell due while the client was away', async () => {
    const run = await runCell('reconnect-kill', `${transport}-no-resume`);
    expect(run.metrics.lost_without_resume_count).toBeGreaterThan(0);
    expect(run.metrics.lost_count).toBeUndefined();
    expect(run.metrics).toMatchObject({ duplicated_count: 0, replayed_count: 0, unrecovered_count: 0 });
  });
});

describe('a fault cell that cannot connect', () => {
  it('fails with timeout:connecting at the phase deadline and leaves no process', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(
      (socket) => (sockets.add(socket), socket.resume(), socket.on('error', () => socket.destroy())),
    );
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), silent.close(() => resolve()))),
    );
    const cell = planCell('reconnect-reset', 'sse-resume');
    const reconnect = { ...cell.client.reconnect!, openDeadlineMs: 1000 };
    const hanging: CellPlan = {
      ...cell,
      target: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/stream`,
      client: { ...cell.client, reconnect },
    };
    await expect(runFaultCell(hanging, new AbortController().signal)).rejects.toMatchObject({
      category: 'timeout:connecting',
    });
    expect(liveChildCount()).toBe(0);
  });
});
