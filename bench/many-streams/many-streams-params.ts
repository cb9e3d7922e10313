/** A many-streams cell's params (family `many-streams`): how many streams, who opens them, the stall deadline. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';
import { CLIENT_KINDS, type ClientKind, MANY_STREAMS_FAMILY } from './many-streams-scenario.js';

export type ManyStreamsParams = StreamCellParams & {
  streams: number;
  client: ClientKind;
  stallDeadlineMs: number;
};

export const manyStreamsParamsOf = defineCellParams(
  MANY_STREAMS_FAMILY,
  (read, cell): ManyStreamsParams => ({
    ...readStreamCellParams(read, cell),
    streams: read.number('streams', { min: 1 }),
    client: read.oneOf('client', CLIENT_KINDS),
    stallDeadlineMs: read.number('stallDeadlineMs', { min: 1 }),
  }),
);
