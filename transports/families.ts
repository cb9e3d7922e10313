/**
 * The roles the families play in the article's comparison, declared once: the two sides every claim
 * compares (SSE first, as the tables read) and the TCP floor under both. Code outside this folder asks
 * for a role — `SSE_FAMILY`, the family's plain transport — instead of spelling a family's or a
 * transport's name, so the names live in this folder only.
 */
import { TRANSPORTS, type TransportName } from './registry.js';
import type { TransportFamily } from './transport.js';

/** The SSE-like side: an HTTP response streamed to the client. */
export const SSE_FAMILY = 'sse' as const satisfies TransportFamily;
/** The WS-like side: a full-duplex framed socket. */
export const WS_FAMILY = 'ws' as const satisfies TransportFamily;
/** Neither side: the plain-TCP floor under both. */
export const TCP_FAMILY = 'tcp' as const satisfies TransportFamily;

/** The two sides a claim compares, in report order. */
export const COMPARED_FAMILIES = [SSE_FAMILY, WS_FAMILY] as const;

/** One side of the comparison; figures, pairs and winners are keyed by it. */
export type ComparedFamily = (typeof COMPARED_FAMILIES)[number];

/**
 * The family's plain transport: its first registered one measured by default, without TLS and
 * without multiplexing (SSE and WebSocket over HTTP/1.1 in clear, the TCP floor). The claims rest on
 * it; the family's other transports are other layers shown beside it.
 */
export function plainTransportOf(family: TransportFamily): TransportName {
  const plain = TRANSPORTS.find(
    (t) => t.family === family && t.inDefaultSelection && !t.capabilities.tls && !t.capabilities.multiplexed,
  );
  if (plain === undefined) throw new Error(`the ${family} family has no plain transport in the registry`);
  return plain.name;
}

/** Every registered transport of the two compared families (plain, TLS, HTTP/2), in registry order: not the TCP floor. */
export function comparedTransports(): (typeof TRANSPORTS)[number][] {
  return TRANSPORTS.filter((t) => t.family !== TCP_FAMILY);
}
