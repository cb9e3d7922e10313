import { describe, expect, it } from 'vitest';
import { buildSyntheticCell } from '../test/support/report-fixtures.js';
import { groupConditions } from './results-query.js';

describe('groupConditions', () => {
  it('names each swept parameter once, even when two parameters always carry the same value', () => {
    const cells = [16, 1024].flatMap((size) =>
      (['sse', 'ws'] as const).map((transport) =>
        buildSyntheticCell({
          scenario: 'wire',
          transport,
          params: { payloadBytes: size, size, kind: 'text' },
          medians: {},
        }),
      ),
    );
    expect(groupConditions(cells).map((condition) => condition.label)).toEqual(['size=16', 'size=1024']);
  });

  it('keeps both when they differ in some cell', () => {
    const cells = [
      buildSyntheticCell({ scenario: 'wire', transport: 'sse', params: { payloadBytes: 16, size: 16 }, medians: {} }),
      buildSyntheticCell({ scenario: 'wire', transport: 'sse', params: { payloadBytes: 64, size: 32 }, medians: {} }),
    ];
    expect(groupConditions(cells).map((condition) => condition.label)).toEqual([
      'payloadBytes=16, size=16',
      'payloadBytes=64, size=32',
    ]);
  });
});
