/** Remaining time: per-family estimates from the cells' own timings, corrected by the runs so far. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import './all-families.js';
import { resolvePlan, type CellPlan } from './plan.js';
import type { ResultsDocument } from './results.js';
import { estimateRunMs, planRemainingTime, RUN_ESTIMATORS } from './run-estimate.js';
import { SCENARIOS } from './scenarios.js';

function cellOf(id: string, profile = 'quick'): CellPlan {
  const plan = resolvePlan({ profile, scenarios: [id.split('/')[0]!] });
  const cell = plan.cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no cell ${id} in ${plan.cells.map((c) => c.id).join(', ')}`);
  return cell;
}

describe('estimateRunMs', () => {
  it('has an estimator for every scenario family', () => {
    for (const scenario of SCENARIOS) expect(RUN_ESTIMATORS[scenario.family], scenario.family).toBeDefined();
  });

  it("a stream cell: the profile's warm-up and window plus its processes", () => {
    expect(estimateRunMs(cellOf('steady/sse'))).toBe(300 + 1000 + 500);
    expect(estimateRunMs(cellOf('steady/sse', 'default'))).toBe(500 + 1000 + 500);
    expect(estimateRunMs(cellOf('steady/sse', 'full'))).toBe(1000 + 3000 + 500);
  });

  it("a fault cell: its scenario's own fixed window, whatever the profile", () => {
    expect(estimateRunMs(cellOf('reconnect-storm/ws-resume', 'quick'))).toBe(300 + 10_000 + 500);
    expect(estimateRunMs(cellOf('reconnect-storm/ws-resume', 'default'))).toBe(300 + 10_000 + 500);
  });

  it('a proxy cell: a direct run and a run through the proxy', () => {
    const cell = cellOf('proxy-nginx/sse-default');
    expect(estimateRunMs(cell)).toBe(2 * (300 + 1000) + 2 * 500);
  });

  it('a paced wire cell: its bounded stream at its rate; a flat-out one: its processes', () => {
    const paced = cellOf('compression/ws-deflate/size=16384,kind=binary');
    expect(estimateRunMs(paced)).toBe((500 / 500) * 1000 + 500);
    expect(estimateRunMs(cellOf('wire-ci/sse-16'))).toBe(500);
  });

  it("lands within a factor of two of the CI baseline's measured runs", () => {
    const baseline = JSON.parse(
      readFileSync(new URL('./baselines/ci.json', import.meta.url), 'utf8'),
    ) as ResultsDocument;
    const plan = resolvePlan({ profile: 'ci' });
    let compared = 0;
    for (const cell of plan.cells) {
      const runs = baseline.cells.find((c) => c.id === cell.id)?.runs ?? [];
      const walls = runs.map((run) => run.wallMs).sort((a, b) => a - b);
      const medianMs = walls[Math.floor(walls.length / 2)];
      if (medianMs === undefined || medianMs < 50) continue; // client-impl takes a millisecond
      compared++;
      expect(estimateRunMs(cell) / medianMs, cell.id).toBeGreaterThan(0.5);
      expect(estimateRunMs(cell) / medianMs, cell.id).toBeLessThan(2);
    }
    expect(compared).toBeGreaterThan(5);
  });
});

describe('planRemainingTime', () => {
  const steady = cellOf('steady/sse'); // 1,800 ms
  const framing = cellOf('framing/sse'); // 250 ms
  const runs = [steady, steady, framing, framing];

  it('before anything has run: the estimates added up', () => {
    expect(planRemainingTime(runs).remainingMs(0, 0)).toBe(1800 + 1800 + 250 + 250);
  });

  it('runs that took their estimate leave the rest as estimated', () => {
    expect(planRemainingTime(runs).remainingMs(2, 3600)).toBe(500);
  });

  it('runs that took twice their estimate double what is left', () => {
    expect(planRemainingTime(runs).remainingMs(2, 7200)).toBe(1000);
    expect(planRemainingTime(runs).remainingMs(1, 900)).toBeCloseTo((1800 + 500) / 2);
  });

  it('nothing is left after the last run', () => {
    expect(planRemainingTime(runs).remainingMs(4, 5000)).toBe(0);
  });
});

describe('the scale scenarios', () => {
  it('count the connect ramp, and every step of a capacity search', () => {
    const [fanOut] = resolvePlan({ profile: 'quick', scenarios: ['fan-out-10k'], transports: ['ws'] }).cells;
    // 10,000 connections at 2,000 a second: 5 s of ramp before the 2 s warm-up and 5 s window.
    expect(estimateRunMs(fanOut!)).toBeGreaterThanOrEqual(5000 + 2000 + 5000);
    const [capacity] = resolvePlan({ profile: 'quick', scenarios: ['capacity'], transports: ['ws'] }).cells;
    // Six steps of 2 s + 3 s, and 38,500 connections ramped at 2,000 a second.
    expect(estimateRunMs(capacity!)).toBeGreaterThanOrEqual(6 * 5000 + 19_250);
  });
});
