/** A capacity cell's params (family `capacity`): the stream's, and the p99 limit the search stops at. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';
import { CAPACITY_FAMILY } from './capacity-scenario.js';

export type CapacityParams = StreamCellParams & {
  /** The p99 latency (ms) a step must stay under (`--capacity-p99-ms`). */
  p99LimitMs: number;
};

export const capacityParamsOf = defineCellParams(
  CAPACITY_FAMILY,
  (read, cell): CapacityParams => ({
    ...readStreamCellParams(read, cell),
    p99LimitMs: read.number('p99LimitMs', { min: 1 }),
  }),
);
