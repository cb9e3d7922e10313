/**
 * Wire cells end to end through real child processes (server and wire client from dist/: run
 * `npx tsc -p tsconfig.json` first), as the runner runs them.
 */
import { describe, expect, it } from 'vitest';
import '../all-families.js';
import { catalogueSpec } from '../metric-catalogue.js';
import { resolvePlan, type CellPlan } from '../plan.js';
import { liveChildCount } from '../spawn.js';
import { runWireCell } from './run-wire-cell.js';
import { COMPRESSION_SCENARIO, UPSTREAM_SCENARIO, WIRE_CI_SCENARIO, WIRE_SCENARIO } from './wire-scenarios.js';

function findCell(scenario: string, match: (cell: CellPlan) => boolean): CellPlan {
  const cell = resolvePlan({ profile: 'quick', scenarios: [scenario] }).cells.find(match);
  if (cell === undefined) throw new Error(`no such ${scenario} cell`);
  return cell;
}

const abort = new AbortController().signal;

describe('the wire scenarios as planned', () => {
  it('sweep 5 sizes × 3 kinds × SSE and WS, every cell with size and kind params', () => {
    const cells = resolvePlan({ profile: 'quick', scenarios: [WIRE_SCENARIO] }).cells;
    expect(cells).toHaveLength(30);
    expect(new Set(cells.map((cell) => `${cell.params['size']}/${cell.params['kind']}/${cell.transport}`)).size).toBe(
      30,
    );
    expect(cells.every((cell) => cell.server.heartbeatMs === 0 && cell.server.writeMode === 'per-message')).toBe(true);
  });

  it('keep only the 16 B pair of wire-ci in the CI profile', () => {
    const ci = resolvePlan({ profile: 'ci' }).cells.filter((cell) => cell.scenario.family === 'wire');
    expect(ci.map((cell) => cell.id)).toEqual(['wire-ci/sse-16', 'wire-ci/ws-16']);
  });

  it('name the upstream variants as the claim rules expect', () => {
    const variants = resolvePlan({ profile: 'quick', scenarios: [UPSTREAM_SCENARIO] }).cells.map(
      (cell) => cell.variant,
    );
    expect(new Set(variants)).toEqual(new Set(['ws-frames', 'sse-post']));
  });

  it('register their per-message parts as exact and the clock-dependent totals as info', () => {
    expect(catalogueSpec('framing_bytes_down_per_msg')?.class).toBe('exact');
    expect(catalogueSpec('unattributed_bytes_down')).toMatchObject({ class: 'exact', mustBeZero: true });
    expect(catalogueSpec('wire_bytes_down_per_msg')?.class).toBe('info');
  });
});

describe('a wire cell end to end', () => {
  const textCell = (transport: 'sse' | 'ws'): CellPlan =>
    findCell(WIRE_CI_SCENARIO, (cell) => cell.variant === `${transport}-16`);

  for (const transport of ['sse', 'ws'] as const) {
    it(`${transport}: every byte placed, both ends agree, and a second run gives the same exact figures`, async () => {
      const first = await runWireCell(textCell(transport), abort);
      const second = await runWireCell(textCell(transport), abort);
      expect(first.metrics).toMatchObject({
        unattributed_bytes_down: 0,
        socket_count_mismatch_bytes: 0,
        messages_received: 2000,
        lost_count: 0,
        corrupted_count: 0,
      });
      const exact = Object.keys(first.metrics).filter((name) => catalogueSpec(name)?.class === 'exact');
      expect(exact.length).toBeGreaterThanOrEqual(8);
      expect(Object.fromEntries(exact.map((name) => [name, second.metrics[name]]))).toEqual(
        Object.fromEntries(exact.map((name) => [name, first.metrics[name]])),
      );
      expect(first.histograms).toEqual({}); // closed loop: no latency worth keeping
      expect(liveChildCount()).toBe(0);
    });
  }

  it('a compression cell records what was negotiated and how much it saved', async () => {
    const cell = findCell(
      COMPRESSION_SCENARIO,
      (c) => c.variant === 'ws-deflate' && c.params['kind'] === 'json' && c.params['size'] === 1024,
    );
    const run = await runWireCell(cell, abort);
    expect(run.serverConfig).toMatchObject({ perMessageDeflate: true, negotiated: 'permessage-deflate' });
    expect(run.metrics.compression_ratio).toBeGreaterThan(2);
    expect(run.metrics.latency_p50_us).toBeGreaterThan(0); // paced, so latency means something
    expect(run.histograms.latency_us).toBeTypeOf('string');
  });

  it('an upstream cell reports bytes each way, round trip and rate', async () => {
    const cell = findCell(UPSTREAM_SCENARIO, (c) => c.variant === 'sse-post' && c.params['size'] === 16);
    const run = await runWireCell(cell, abort);
    expect(run.metrics.wire_bytes_up_per_msg).toBeGreaterThan(100 + 16);
    expect(run.metrics).toMatchObject({ socket_count_mismatch_bytes: 0 });
    expect(run.metrics.throughput_msgs_per_sec).toBeGreaterThan(0);
    expect(run.metrics.latency_p50_us).toBeGreaterThan(0);
    expect(liveChildCount()).toBe(0);
  });

  it('refuses --target: it counts both ends, so it needs its own server', async () => {
    await expect(runWireCell({ ...textCell('sse'), target: 'http://127.0.0.1:9/stream' }, abort)).rejects.toMatchObject(
      { category: 'config' },
    );
  });
});
