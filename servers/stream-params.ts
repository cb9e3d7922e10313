/**
 * What a client may ask of a stream, from the query string (or the TCP floor's request line). A
 * client that sends nothing gets the server's defaults, so `curl -N <url>` shows a stream at once.
 */
import { PAYLOAD_KINDS, type PayloadKind } from './envelope.js';
import { MIN_JSON_PAYLOAD_BYTES } from './payloads.js';

export interface StreamParams {
  /** Streams with the same id and parameters share one publisher (broadcast). */
  streamId: number;
  /** Messages per second on the schedule; 0 means as fast as backpressure allows. */
  ratePerSec: number;
  payloadBytes: number;
  kind: PayloadKind;
  /** Messages before the stream ends with an end marker; 0 means unbounded. */
  count: number;
}

export const DEFAULT_STREAM_PARAMS: StreamParams = {
  streamId: 0,
  ratePerSec: 100,
  payloadBytes: 64,
  kind: 'text',
  count: 0,
};

export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const MAX_RATE_PER_SEC = 10_000_000;

export class ParamError extends Error {
  override readonly name = 'ParamError';
}

function readInteger(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ParamError(
      `query parameter ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Reads stream parameters from a query string; throws ParamError naming the bad parameter. */
export function parseStreamParams(
  query: URLSearchParams,
  defaults: StreamParams = DEFAULT_STREAM_PARAMS,
): StreamParams {
  const kindRaw = query.get('kind') ?? defaults.kind;
  if (!PAYLOAD_KINDS.includes(kindRaw as PayloadKind)) {
    throw new ParamError(
      `query parameter kind must be one of ${PAYLOAD_KINDS.join(', ')}, got ${JSON.stringify(kindRaw)}`,
    );
  }
  const kind = kindRaw as PayloadKind;
  const minSize = kind === 'json' ? MIN_JSON_PAYLOAD_BYTES : 1;
  return {
    streamId: readInteger(query, 'stream', defaults.streamId, 0, 0xffff_ffff),
    ratePerSec: readInteger(query, 'rate', defaults.ratePerSec, 0, MAX_RATE_PER_SEC),
    payloadBytes: readInteger(query, 'size', defaults.payloadBytes, minSize, MAX_PAYLOAD_BYTES),
    kind,
    count: readInteger(query, 'count', defaults.count, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** The inverse of parseStreamParams, for clients building a URL. */
export function formatStreamQuery(params: Partial<StreamParams>): string {
  const query = new URLSearchParams();
  if (params.streamId !== undefined) query.set('stream', String(params.streamId));
  if (params.ratePerSec !== undefined) query.set('rate', String(params.ratePerSec));
  if (params.payloadBytes !== undefined) query.set('size', String(params.payloadBytes));
  if (params.kind !== undefined) query.set('kind', params.kind);
  if (params.count !== undefined) query.set('count', String(params.count));
  return query.toString();
}

export function streamKey(params: StreamParams): string {
  return `${params.streamId}/${params.ratePerSec}/${params.payloadBytes}/${params.kind}/${params.count}`;
}
