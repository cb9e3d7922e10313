import { describe, expect, it } from 'vitest';
import { createEnvelopeTasks } from './envelope-tasks.js';
import { MICRO_BENCHMARKS } from './micro-metrics.js';
import type { MicroTask } from './micro-task.js';
import { createSseTasks } from './sse-tasks.js';
import { createWsFrameTasks } from './ws-frame-tasks.js';

const allTasks = (): MicroTask[] => [...createEnvelopeTasks(), ...createSseTasks(), ...createWsFrameTasks()];

describe('micro-benchmark tasks', () => {
  it('cover every registered micro-benchmark exactly once', () => {
    expect(
      allTasks()
        .map((task) => task.name)
        .sort(),
    ).toEqual(Object.keys(MICRO_BENCHMARKS).sort());
  });

  it('pass their own checks before and after many runs', () => {
    for (const task of allTasks()) {
      task.verify();
      for (let i = 0; i < 1000; i++) task.runOnce();
      expect(() => task.verify(), task.name).not.toThrow();
    }
  });

  it('return the real output of the operation', () => {
    const [textEncode] = createEnvelopeTasks();
    expect(textEncode?.runOnce()).toMatch(/^3 123456 1234567890123456 \d+ j [0-9a-f]+ \{/);
    const wsEncode = createWsFrameTasks().find((task) => task.name === 'ws_frame_encode');
    const frame = wsEncode?.runOnce() as Buffer[];
    expect(frame[0]?.[0]).toBe(0x81);
  });
});
