import { describe, expect, it } from 'vitest';
import { runSchedule, type ScheduleTarget } from './schedule.js';

function recordingTarget(log: string[]): ScheduleTarget {
  return {
    setFault: (fault) => void log.push(`set ${fault.kind}`),
    clearFault: (kind, direction) => void log.push(`clear ${kind} ${direction ?? 'both'}`),
    resetAll: () => void log.push('resetAll'),
  };
}

describe('runSchedule', () => {
  it('applies steps in time order, equal times in the order given', async () => {
    const log: string[] = [];
    const outcome = await runSchedule(recordingTarget(log), [
      { atMs: 40, clear: 'blackhole' },
      { atMs: 10, set: { kind: 'blackhole' } },
      { atMs: 10, resetAll: true },
    ]).done;
    expect(log).toEqual(['set blackhole', 'resetAll', 'clear blackhole both']);
    expect(outcome).toEqual({ stepsApplied: 3, cancelled: false });
  });

  it('validates every step before running any', () => {
    const log: string[] = [];
    expect(() =>
      runSchedule(recordingTarget(log), [
        { atMs: 0, resetAll: true },
        { atMs: 5, clear: 'nope' },
      ]),
    ).toThrow('schedule[1].clear must be one of');
    expect(log).toEqual([]);
  });

  it('stops the remaining steps when cancelled', async () => {
    const log: string[] = [];
    const schedule = runSchedule(recordingTarget(log), [
      { atMs: 0, set: { kind: 'refuse' } },
      { atMs: 5_000, clear: 'refuse' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    schedule.cancel();
    expect(await schedule.done).toEqual({ stepsApplied: 1, cancelled: true });
    expect(log).toEqual(['set refuse']);
  });
});
