/**
 * Every transport, in report order. The one list the rest of the harness iterates: a new transport
 * is its own file in this folder plus one line here (k6's explicit registry, not side-effect imports).
 */
import { SSE } from './sse.js';
import { SSE_H2 } from './sse-h2.js';
import { SSE_TLS } from './sse-tls.js';
import { TCP } from './tcp.js';
import type { Transport, TransportFamily } from './transport.js';
import { WS } from './ws.js';
import { WS_TLS } from './ws-tls.js';

export const TRANSPORTS = [SSE, SSE_TLS, SSE_H2, WS, WS_TLS, TCP] as const satisfies readonly Transport[];

export type TransportName = (typeof TRANSPORTS)[number]['name'];

export const TRANSPORT_NAMES: readonly TransportName[] = TRANSPORTS.map((transport) => transport.name);

export function isTransportName(name: string): name is TransportName {
  return (TRANSPORT_NAMES as readonly string[]).includes(name);
}

/** The transport of that name; throws for a name the registry does not hold (validate at the boundary first). */
export function transportNamed(name: string): Transport {
  const transport = TRANSPORTS.find((t) => t.name === name);
  if (transport === undefined)
    throw new Error(`unknown transport ${JSON.stringify(name)}; known: ${TRANSPORT_NAMES.join(', ')}`);
  return transport;
}

/** The transports measured when the user names none: the plain ones; TLS and HTTP/2 are asked for. */
export function defaultTransportNames(): TransportName[] {
  return TRANSPORTS.filter((t) => t.inDefaultSelection).map((t) => t.name);
}

/** The transport a `--target` URL is measured with, by its scheme: the first registered (the plain HTTP/1.1 one) wins. */
export function transportForScheme(protocol: string): Transport | undefined {
  return TRANSPORTS.find((t) => t.scheme === protocol);
}

export function familyOf(name: string): TransportFamily {
  return transportNamed(name).family;
}
