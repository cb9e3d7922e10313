import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

const policy = { baseMs: 200, maxMs: 2000 };

describe('backoffDelayMs', () => {
  it('waits the base right after a drop, doubling with each failed attempt', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3].map((failures) => backoffDelayMs(failures, policy, noJitter))).toEqual([200, 400, 800, 1600]);
  });

  it('caps the exponential part at maxMs', () => {
    expect(backoffDelayMs(10, policy, () => 0)).toBe(2000);
  });

  it('adds up to half again at random, never less than the exponential part', () => {
    expect(backoffDelayMs(0, policy, () => 0.999_999)).toBeCloseTo(300, 3);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(1000);
  });
});
