/**
 * Known answers for the two latencies: a server that writes every batch a known 200 µs after
 * stamping it must show exactly that much more service latency (written → received), while its
 * publisher's lateness (scheduled → written) stays where it was.
 */
import { describe, expect, it } from 'vitest';
import '../all-families.js';
import { resolvePlan, type CellPlan } from '../plan.js';
import { runStreamCell } from '../run-stream-cell.js';
import { liveChildCount } from '../spawn.js';

const LATE_WRITE_US = 200;
const TOLERANCE_US = 50;

function floorCell(lateWriteUs: number): CellPlan {
  const plan = resolvePlan({ profile: 'quick', scenarios: ['tcp-floor'], transports: ['tcp'] });
  const cell = plan.cells.find((c) => c.variant === 'tcp')!;
  return {
    ...cell,
    scenario: { ...cell.scenario, bareProbe: false },
    server: { ...cell.server, ...(lateWriteUs > 0 ? { inject: { lateWriteUs } } : {}) },
    client: { ...cell.client, connections: 2, warmupMs: 300, durationMs: 1500 },
  };
}

describe('service latency', () => {
  it(`rises by a known ${LATE_WRITE_US} µs write delay, ±${TOLERANCE_US} µs, and the publisher's lateness does not`, async () => {
    const plain = await runStreamCell(floorCell(0), new AbortController().signal);
    const late = await runStreamCell(floorCell(LATE_WRITE_US), new AbortController().signal);
    const rise = late.metrics.service_latency_p50_us! - plain.metrics.service_latency_p50_us!;
    expect(rise).toBeGreaterThan(LATE_WRITE_US - TOLERANCE_US);
    expect(rise).toBeLessThan(LATE_WRITE_US + TOLERANCE_US);
    // The stamp is taken before the delay, so the publisher reports itself as punctual as before.
    expect(late.metrics.write_lag_p50_us!).toBeLessThan(plain.metrics.write_lag_p50_us! + TOLERANCE_US);
    expect(late.metrics.lost_count).toBe(0);
    expect(liveChildCount()).toBe(0);
  });
});
