import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';
import { buildHeaderLines } from './report-header.js';

describe('the report header', () => {
  it('names where a distributed run’s clients ran, and only for such a run', () => {
    const doc = buildFixtureDocument();
    expect(buildHeaderLines(doc, [], 'claims.md').some((line) => line.label === 'Load')).toBe(false);
    doc.plan.shards = 2;
    const run = doc.cells[0]!.runs[0]!;
    run.hosts = [
      { shard: 0, hostname: 'load-a', pid: 1, clockOffsetMs: 0.05, clockRttMs: 0.2 },
      { shard: 1, hostname: 'load-b', pid: 2, clockOffsetMs: -0.14, clockRttMs: 0.3 },
    ];
    const load = buildHeaderLines(doc, [], 'claims.md').find((line) => line.label === 'Load');
    expect(load?.text).toBe('2 shards per stream cell, on load-a, load-b; clock offsets to Redis up to 0.14 ms');
  });
});
