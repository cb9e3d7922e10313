import { describe, expect, it } from 'vitest';
import type { ReconnectReport } from '../../clients/client-protocol.js';
import type { OutageRecord } from '../../clients/outage-log.js';
import { percentileOf, summariseCuts, summariseFault } from './outage-metrics.js';

const MS = 1e6;
const FAULT_AT_NS = 1000 * MS;

function report(outages: OutageRecord[][]): ReconnectReport {
  return { windowStartNs: 0, windowEndNs: 5000 * MS, outages, timelineBucketMs: 100 };
}

/** An outage noticed `detectMs` after the fault, back after `attempts` attempts, first message `reconnectMs` after the drop. */
function outage(detectMs: number, reconnectMs: number | undefined, attempts = 1): OutageRecord {
  const droppedAtNs = FAULT_AT_NS + detectMs * MS;
  const recovered =
    reconnectMs === undefined
      ? {}
      : {
          reopenedAtNs: droppedAtNs + (reconnectMs - 1) * MS,
          firstMessageAtNs: droppedAtNs + reconnectMs * MS,
          lastAttemptAtNs: droppedAtNs,
        };
  return { streamOpenedAtNs: 0, droppedAtNs, category: 'reset', attempts, ...recovered };
}

describe('summariseFault', () => {
  it('times detection from the fault and reconnection from the detection, per connection', () => {
    const { metrics, histograms } = summariseFault(
      report([[outage(5, 250)], [outage(7, 300, 2)], [outage(9, 280)]]),
      FAULT_AT_NS,
    );
    expect(metrics).toMatchObject({
      detect_p50_ms: 7,
      detect_max_ms: 9,
      reconnect_p50_ms: 280,
      reconnect_max_ms: 300,
      reconnect_attempts_count: 4,
      drops_count: 3,
      unrecovered_count: 0,
    });
    expect(Object.keys(histograms).sort()).toEqual(['detect_us', 'reconnect_us']);
  });

  it('counts a connection with no message after its last reopen as unrecovered', () => {
    const { metrics } = summariseFault(report([[outage(5, 250)], [outage(6, undefined, 3)]]), FAULT_AT_NS);
    expect(metrics).toMatchObject({ unrecovered_count: 1, reconnect_p50_ms: 250, reconnect_attempts_count: 4 });
  });

  it('ignores drops before the fault, and times recovery to the last reopen when a connection dropped twice', () => {
    const early = { ...outage(0, 10), droppedAtNs: FAULT_AT_NS - 500 * MS };
    const twice = [early, outage(5, undefined, 1), { ...outage(400, 100), droppedAtNs: FAULT_AT_NS + 400 * MS }];
    const { metrics } = summariseFault(report([twice]), FAULT_AT_NS);
    expect(metrics).toMatchObject({
      detect_p50_ms: 5,
      reconnect_p50_ms: 495,
      reconnect_attempts_count: 2,
      drops_count: 3,
      unrecovered_count: 0,
    });
  });

  it('counts a connection that never noticed the fault as unrecovered, with no detection time', () => {
    const { metrics } = summariseFault(report([[]]), FAULT_AT_NS);
    expect(metrics.unrecovered_count).toBe(1);
    expect(metrics.detect_p50_ms).toBeUndefined();
  });
});

describe('summariseCuts', () => {
  it('counts every cut and how long each stream lived', () => {
    const cut = (openedMs: number, droppedMs: number): OutageRecord => ({
      streamOpenedAtNs: openedMs * MS,
      droppedAtNs: droppedMs * MS,
      category: 'reset',
      attempts: 1,
    });
    const { metrics } = summariseCuts(report([[cut(0, 600), cut(800, 1500)], [cut(0, 650)]]));
    expect(metrics).toMatchObject({
      streams_cut_count: 3,
      cut_after_p50_ms: 650,
      cut_after_max_ms: 700,
      reconnect_attempts_count: 3,
    });
  });

  it('reports no cut time when nothing was cut', () => {
    expect(summariseCuts(report([[], []])).metrics).toEqual({ streams_cut_count: 0, reconnect_attempts_count: 0 });
  });
});

describe('percentileOf', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentileOf(values, 50), percentileOf(values, 99), percentileOf(values, 100)]).toEqual([50, 99, 100]);
    expect(percentileOf([3], 99)).toBe(3);
  });
});
