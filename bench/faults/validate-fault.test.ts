import { describe, expect, it } from 'vitest';
import { FaultConfigError, validateFault, validateScheduleStep } from './validate-fault.js';

describe('validateFault', () => {
  it('fills defaults: downstream direction, no jitter, no slice delay, reset at once', () => {
    expect(validateFault({ kind: 'latency', latencyMs: 50 })).toEqual({
      kind: 'latency',
      direction: 'down',
      latencyMs: 50,
      jitterMs: 0,
    });
    expect(validateFault({ kind: 'slice', sliceBytes: 1 })).toEqual({
      kind: 'slice',
      direction: 'down',
      sliceBytes: 1,
      sliceDelayMs: 0,
    });
    expect(validateFault({ kind: 'reset', direction: 'both' })).toEqual({
      kind: 'reset',
      direction: 'both',
      afterBytes: 0,
      delayMs: 0,
    });
    expect(validateFault({ kind: 'refuse' })).toEqual({ kind: 'refuse' });
  });

  it.each([
    [{ kind: 'slice', sliceBytes: 0 }, 'fault.sliceBytes must be an integer >= 1, got 0'],
    [{ kind: 'slice', sliceBytes: 1.5 }, 'fault.sliceBytes must be an integer >= 1, got 1.5'],
    [{ kind: 'slice' }, 'fault of kind slice needs sliceBytes or atOffsets, got neither'],
    [
      { kind: 'slice', atOffsets: [10, 10] },
      'fault.atOffsets[1] must be an integer > 10 (strictly increasing), got 10',
    ],
    [{ kind: 'latency' }, 'fault.latencyMs must be a finite number >= 0, got undefined'],
    [{ kind: 'latency', latencyMs: 5, jitterMs: -1 }, 'fault.jitterMs must be a finite number >= 0, got -1'],
    [{ kind: 'bandwidth', bytesPerSec: 0 }, 'fault.bytesPerSec must be a finite number > 0, got 0'],
    [{ kind: 'truncate' }, 'fault.afterBytes must be an integer >= 0, got undefined'],
    [{ kind: 'blackhole', direction: 'sideways' }, 'fault.direction must be one of up, down, both, got "sideways"'],
    [
      { kind: 'jam' },
      'fault.kind must be one of latency, bandwidth, slice, reset, blackhole, slow-close, truncate, idle-timeout, refuse, got "jam"',
    ],
    [null, 'fault must be an object, got null'],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(() => validateFault(input)).toThrow(new FaultConfigError(message));
  });
});

describe('validateScheduleStep', () => {
  it('accepts set, clear and resetAll steps', () => {
    expect(validateScheduleStep({ atMs: 5, set: { kind: 'blackhole' } }, 's')).toEqual({
      atMs: 5,
      set: { kind: 'blackhole', direction: 'down' },
    });
    expect(validateScheduleStep({ atMs: 0, clear: 'latency', direction: 'up' }, 's')).toEqual({
      atMs: 0,
      clear: 'latency',
      direction: 'up',
    });
    expect(validateScheduleStep({ atMs: 1, resetAll: true }, 's')).toEqual({ atMs: 1, resetAll: true });
  });

  it('names the step and field that is wrong', () => {
    expect(() => validateScheduleStep({ atMs: -1, resetAll: true }, 'schedule[2]')).toThrow(
      'schedule[2].atMs must be a finite number >= 0, got -1',
    );
    expect(() => validateScheduleStep({ atMs: 1, set: { kind: 'slice', sliceBytes: 0 } }, 'schedule[0]')).toThrow(
      'schedule[0].set.sliceBytes must be an integer >= 1, got 0',
    );
    expect(() => validateScheduleStep({ atMs: 1, clear: 'refuse', resetAll: true }, 's')).toThrow(
      's must have exactly one of set, clear, resetAll; got clear, resetAll',
    );
  });
});
