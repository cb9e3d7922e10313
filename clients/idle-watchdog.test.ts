import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleWatchdog } from './idle-watchdog.js';

afterEach(() => void vi.useRealTimers());

describe('IdleWatchdog', () => {
  it('fires once the timeout passes with no touch', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    new IdleWatchdog().arm(100, expired);
    vi.advanceTimersByTime(99);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('starts over from each touch', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    const watchdog = new IdleWatchdog();
    watchdog.arm(100, expired);
    vi.advanceTimersByTime(80);
    watchdog.touch();
    vi.advanceTimersByTime(80);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never fires when disarmed, or armed with 0', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    const watchdog = new IdleWatchdog();
    watchdog.arm(100, expired);
    watchdog.disarm();
    new IdleWatchdog().arm(0, expired);
    vi.advanceTimersByTime(1000);
    expect(expired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
