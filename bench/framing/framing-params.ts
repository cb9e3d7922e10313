/** A framing cell's params (family `framing`): the stream's only; the experiment is fixed in run-framing-cell.ts. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';

export type FramingParams = StreamCellParams;

export const framingParamsOf = defineCellParams(
  'framing',
  (read, cell): FramingParams => readStreamCellParams(read, cell),
);
