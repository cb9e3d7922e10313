/** A micro cell's params (family `micro`): the stream's only; the tasks are fixed in run-micro-cell.ts. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';

export type MicroParams = StreamCellParams;

export const microParamsOf = defineCellParams('micro', (read, cell): MicroParams => readStreamCellParams(read, cell));
