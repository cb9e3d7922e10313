/** A client-impl cell's params (family `client-impl`): what the reconnecting client implements, what a browser has built in, and the files counted. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';

export type ClientImplParams = StreamCellParams & { implements: string; browser: string; files: string };

export const clientImplParamsOf = defineCellParams(
  'client-impl',
  (read, cell): ClientImplParams => ({
    ...readStreamCellParams(read, cell),
    implements: read.string('implements'),
    browser: read.string('browser'),
    files: read.string('files'),
  }),
);
