/**
 * A fault cell's params (family `faults`): the stream's, and what the reconnect scenarios vary
 * (resume or not) or long-lived does (heartbeats or not, against the path's idle timeout).
 */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';

const LONG_LIVED_SCENARIO = 'long-lived';

export type FaultParams = StreamCellParams & { timelineBucketMs: number } & (
    | { experiment: 'reconnect'; resume: boolean }
    | { experiment: 'long-lived'; heartbeat: boolean; heartbeatMs: number; pathIdleTimeoutMs: number }
  );

export const faultParamsOf = defineCellParams(
  'faults',
  (read, cell): FaultParams => {
    const common = {
      ...readStreamCellParams(read, cell),
      timelineBucketMs: read.number('timelineBucketMs', { min: 1 }),
    };
    if (cell.scenario.name === LONG_LIVED_SCENARIO)
      return {
        ...common,
        experiment: 'long-lived',
        heartbeat: read.boolean('heartbeat'),
        heartbeatMs: read.number('heartbeatMs'),
        pathIdleTimeoutMs: read.number('pathIdleTimeoutMs', { min: 1 }),
      };
    return { ...common, experiment: 'reconnect', resume: read.boolean('resume') };
  },
  // The fault proxy (fault-stage.ts) forwards plain TCP to the target's host and port.
  (_params, target) =>
    target.protocol === 'http:' || target.protocol === 'ws:'
      ? undefined
      : `relays the stream through a fault proxy that forwards plain TCP, so it needs an http:// or ws:// target, not ${target.protocol}`,
);
