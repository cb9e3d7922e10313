/** A seed-stack cell's params (family `seed-stack`): the stream's only; what each variant runs is in seed-scenarios.ts. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';
import { SEED_FAMILY } from './seed-scenarios.js';

export type SeedParams = StreamCellParams;

export const seedParamsOf = defineCellParams(SEED_FAMILY, (read, cell): SeedParams => readStreamCellParams(read, cell));
