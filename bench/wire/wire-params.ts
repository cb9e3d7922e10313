/**
 * A wire cell's params (family `wire`): a bounded stream's size, kind, message count, pace and
 * compression (scenarios wire, wire-ci, compression), or the upstream cells' size, message count and
 * messages in flight, their method being the variant (scenario upstream).
 */
import { UsageError } from '../../cli/usage-error.js';
import type { PayloadKind } from '../../servers/envelope.js';
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams } from '../stream-cell-params.js';
import type { WireCompression } from './stream-probe.js';
import type { UpstreamMethod } from './upstream-probe.js';
import { UPSTREAM_SCENARIO } from './wire-scenarios.js';

export interface WireStreamParams {
  probe: 'stream';
  /** Payload bytes of every message. */
  size: number;
  kind: PayloadKind;
  /** Messages in the bounded stream. */
  count: number;
  /** Its pace; 0: as fast as backpressure allows. */
  ratePerSec: number;
  compression: WireCompression;
}

export interface WireUpstreamParams {
  probe: 'upstream';
  size: number;
  messages: number;
  inFlight: number;
  method: UpstreamMethod;
}

export type WireParams = WireStreamParams | WireUpstreamParams;

const COMPRESSIONS: readonly WireCompression[] = ['none', 'gzip', 'deflate'];
const UPSTREAM_METHODS: readonly UpstreamMethod[] = ['ws-frames', 'sse-post'];

export const wireParamsOf = defineCellParams('wire', (read, cell): WireParams => {
  const stream = readStreamCellParams(read, cell);
  if (stream.shape !== 'stream') throw new UsageError(cell.id, `a wire cell streams, it has no ${stream.shape} client`);
  const size = read.number('size', { min: 1 });
  if (cell.scenario.name === UPSTREAM_SCENARIO) {
    const method = UPSTREAM_METHODS.find((m) => m === cell.variant);
    if (method === undefined)
      throw new UsageError(
        `${cell.id}: variant`,
        `an upstream cell's variant is its method: ${UPSTREAM_METHODS.join(' or ')}`,
      );
    return {
      probe: 'upstream',
      size,
      messages: read.number('messages', { min: 1 }),
      inFlight: read.number('inFlight', { min: 1 }),
      method,
    };
  }
  return {
    probe: 'stream',
    size,
    kind: stream.kind,
    count: read.number('count', { min: 1 }),
    ratePerSec: stream.ratePerSec,
    compression: read.oneOf('compression', COMPRESSIONS, 'none'),
  };
});
