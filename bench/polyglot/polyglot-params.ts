/** A polyglot cell's params (family `polyglot`): the stream's only; the client each variant runs is in polyglot-scenarios.ts. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';
import { POLYGLOT_FAMILY } from './polyglot-scenarios.js';

export type PolyglotParams = StreamCellParams;

export const polyglotParamsOf = defineCellParams(
  POLYGLOT_FAMILY,
  (read, cell): PolyglotParams => readStreamCellParams(read, cell),
);
