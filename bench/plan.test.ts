import { describe, expect, it } from 'vitest';
import './all-families.js';
import { ConfigError, resolvePlan } from './plan.js';
import { SCENARIOS } from './scenarios.js';

describe('resolvePlan', () => {
  it('gives every cell of every scenario a unique id, sweeps named by their identifying params', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: SCENARIOS.map((s) => s.name) });
    const ids = plan.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('wire/sse/size=16,kind=text');
    expect(ids).toContain('steady/sse');
  });

  it('interleaves the cells of a scenario across repeats: A B A B', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: ['steady'], repeats: 2 });
    expect(plan.order.map((slot) => `${plan.cells[slot.cell]!.variant}#${slot.repeat}`)).toEqual(['sse#0', 'ws#0', 'sse#1', 'ws#1']);
  });

  it('keeps the CI profile to the CI cells', () => {
    const plan = resolvePlan({ profile: 'ci' });
    expect(plan.cells.every((c) => c.scenario.inCiProfile)).toBe(true);
    expect(plan.cells.map((c) => c.id)).not.toContain('max-throughput/ws-uncorked');
  });

  it('names the field of a bad option', () => {
    expect(() => resolvePlan({ profile: 'quick', durationMs: 5 })).toThrow(ConfigError);
    expect(() => resolvePlan({ profile: 'quick', durationMs: 5 })).toThrow(/--duration-ms: must be an integer from 100/);
    expect(() => resolvePlan({ profile: 'quick', transports: ['quic'] })).toThrow(/--transports: unknown transport "quic"/);
  });
});
