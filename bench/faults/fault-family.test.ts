/** The fault family's registration: scenarios resolve into the planned cells, the no-network cells measure. */
import { describe, expect, it } from 'vitest';
import '../all-families.js';
import { familyRunner } from '../families.js';
import { resolvePlan } from '../plan.js';
import { countRepoFileLines } from './source-lines.js';
import { OWN_CLIENT_FILE, SHARED_CLIENT_FILES } from './client-impl.js';

const RECONNECT_SCENARIOS = [
  'reconnect-reset',
  'reconnect-kill',
  'reconnect-half-open',
  'reconnect-proxy-down',
  'reconnect-truncate',
  'reconnect-storm',
];

describe('fault scenarios in the plan', () => {
  it('gives every reconnect scenario SSE and WS cells with and without resume, told apart by params', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: RECONNECT_SCENARIOS });
    for (const scenario of RECONNECT_SCENARIOS) {
      const cells = plan.cells.filter((cell) => cell.scenario.name === scenario);
      expect(cells.map((cell) => `${cell.transport}/${String(cell.params.resume)}`).sort()).toEqual([
        'sse/false',
        'sse/true',
        'ws/false',
        'ws/true',
      ]);
      for (const cell of cells) expect(cell.client.reconnect?.resume).toBe(cell.params.resume);
    }
    expect(
      plan.cells.find((cell) => cell.scenario.name === 'reconnect-storm')?.client.connections,
    ).toBeGreaterThanOrEqual(1000);
  });

  it('puts only the resume cells of reconnect-reset, client-impl and framing in the CI profile', () => {
    const plan = resolvePlan({ profile: 'ci' });
    const ours = plan.cells
      .filter((cell) => ['faults', 'client-impl', 'framing'].includes(cell.scenario.family))
      .map((cell) => cell.id);
    expect(ours.sort()).toEqual([
      'client-impl/sse',
      'client-impl/ws',
      'framing/sse',
      'reconnect-reset/sse-resume',
      'reconnect-reset/ws-resume',
    ]);
  });
});

describe('cells without a network', () => {
  it('client-impl counts each client file plus the shared loop, from the source as it is now', async () => {
    const cell = resolvePlan({ profile: 'quick', scenarios: ['client-impl'], transports: ['ws'] }).cells[0]!;
    const run = await familyRunner('client-impl')(cell, new AbortController().signal);
    const shared = SHARED_CLIENT_FILES.reduce((total, file) => total + countRepoFileLines(file), 0);
    expect(run.metrics.client_impl_own_loc).toBe(countRepoFileLines(OWN_CLIENT_FILE.ws));
    expect(run.metrics.client_impl_loc).toBe(run.metrics.client_impl_own_loc! + shared);
    expect(cell.params.implements).toContain('idle timeout');
  });

  it('framing runs the experiment: the spec reader loses nothing, the naive one does', async () => {
    const cell = resolvePlan({ profile: 'quick', scenarios: ['framing'] }).cells[0]!;
    const run = await familyRunner('framing')(cell, new AbortController().signal);
    expect(run.metrics).toMatchObject({ framing_spec_lost_count: 0, framing_spec_corrupted_count: 0 });
    expect(run.metrics.framing_naive_lost_count! + run.metrics.framing_naive_corrupted_count!).toBeGreaterThan(0);
  });
});
