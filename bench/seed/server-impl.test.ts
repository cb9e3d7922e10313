import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/usage-error.js';
import { resolvePlan } from '../plan.js';
import { parseServerImpls } from './server-impl.js';

describe('--server', () => {
  it('parses node, java and both; names the option and the choices otherwise', () => {
    expect(parseServerImpls('java')).toEqual(['java']);
    expect(parseServerImpls('node,java')).toEqual(['node', 'java']);
    expect(() => parseServerImpls('go')).toThrow(UsageError);
    expect(() => parseServerImpls('go')).toThrow(/--server: unknown server "go"; choose from node, java/);
  });

  it('gives steady and fan-out Java twins beside (node,java) or instead of (java) the Node cells, interleaved per repeat', () => {
    const java = resolvePlan({ profile: 'quick', scenarios: ['steady', 'fan-out'], serverImpls: ['java'] });
    expect(java.cells.map((c) => c.id)).toEqual([
      'steady/java-sse',
      'steady/java-ws',
      'fan-out/java-sse',
      'fan-out/java-ws',
    ]);
    expect(java.cells.every((c) => c.serverImpl === 'java')).toBe(true);
    const both = resolvePlan({ profile: 'quick', scenarios: ['steady'], serverImpls: ['node', 'java'] });
    expect(both.cells.map((c) => c.variant)).toEqual(['sse', 'java-sse', 'ws', 'java-ws']);
    expect(both.order.map((o) => o.cell)).toEqual([0, 1, 2, 3]);
  });
});
