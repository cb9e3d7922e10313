/**
 * The proxy scenarios (SSE-3, OBS-2) as data. Each variant names the proxy its clients go through;
 * every cell also measures the same server directly, so what the proxy adds is a difference within
 * one cell rather than between two cells run at different moments.
 */
import type { Scenario, VariantSpec } from '../scenarios.js';
import { TRANSPORTS } from '../../transports/registry.js';
import type { ProxyFront, ProxyHopName } from './proxy-hop.js';
import { plainTransportOf, SSE_FAMILY, TCP_FAMILY, WS_FAMILY } from '../../transports/families.js';

/** A variant of a proxy scenario: which proxy stands between the clients and the server. */
export interface ProxyVariantSpec extends VariantSpec {
  variant: string;
  hop: ProxyHopName;
  /** What the client speaks to the proxy: plain HTTP/1.1 unless `tls-h2` (nginx's TLS + HTTP/2 front). */
  front?: ProxyFront;
}

export interface ProxyScenario extends Scenario {
  variants: ProxyVariantSpec[];
}

/** The server without the X-Accel-Buffering hint: what a default nginx does to an ordinary server. */
const noAccelHeader = { accelBufferingHeader: false };

/**
 * A variant through `hop`. Its cell params name the proxy and whether the proxy, as configured,
 * holds an HTTP response back (`buffering`): the dev-proxy model always; a default nginx unless the
 * server's X-Accel-Buffering: no turns it off for the response; the tuned nginx never. An upgraded
 * WebSocket bypasses response buffering, so for WS the flag describes the proxy, not the stream.
 */
function through(hop: ProxyHopName, buffering: boolean, spec: Omit<ProxyVariantSpec, 'hop'>): ProxyVariantSpec {
  return { ...spec, hop, params: { proxy: hop, buffering } };
}

type RegisteredTransport = (typeof TRANSPORTS)[number];

/** The plain transport of `transport`'s family: what the server behind a TLS front speaks (nginx → upstream is HTTP/1.1). */
export function plainSiblingOf(transport: RegisteredTransport): RegisteredTransport {
  const plain = TRANSPORTS.find(
    (t) => t.family === transport.family && !t.capabilities.tls && !t.capabilities.multiplexed,
  );
  if (plain === undefined)
    throw new Error(`no plain transport in the ${transport.family} family to stand behind the TLS front`);
  return plain;
}

/**
 * The TLS + HTTP/2 front's variants, one set per SSE- or WS-family transport with TLS in the
 * registry (SSE over HTTP/2, SSE over HTTPS/1.1, WebSocket over TLS): default and tuned nginx, and for
 * the multiplexed SSE transport also a server without X-Accel-Buffering (the default front's buffering).
 * The client speaks its transport to nginx; the server behind it is the family's plain one. They run
 * only when `--transports` names those transports.
 */
function throughTlsFront(): ProxyVariantSpec[] {
  return TRANSPORTS.filter((t) => t.capabilities.tls && t.family !== TCP_FAMILY).flatMap((t) => {
    const behind = { transport: plainSiblingOf(t).name };
    const front = (
      hop: ProxyHopName,
      buffering: boolean,
      suffix: string,
      server: Partial<VariantSpec['server']> = {},
    ): ProxyVariantSpec => ({
      ...through(hop, buffering, {
        transport: t.name,
        variant: `${t.name}-front-${suffix}`,
        server: { ...behind, ...server },
      }),
      front: 'tls-h2',
      params: { proxy: hop, buffering, front: 'tls-h2' },
    });
    return [
      front('nginx-default', t.family === WS_FAMILY, 'default'),
      ...(t.family === SSE_FAMILY && t.capabilities.multiplexed
        ? [front('nginx-default', true, 'default-no-accel-header', noAccelHeader)]
        : []),
      front('nginx-tuned', false, 'tuned'),
    ];
  });
}

/** The proxy cells without the TLS front run the families' plain transports. */
const SSE_PLAIN = plainTransportOf(SSE_FAMILY);
const WS_PLAIN = plainTransportOf(WS_FAMILY);

export const PROXY_SCENARIOS: ProxyScenario[] = [
  {
    name: 'proxy-nginx',
    family: 'proxy',
    description:
      'SSE and WS through a real nginx, with its default configuration and one tuned for streams, and the same server direct in each cell: does the stream get through, and what latency does nginx add. SSE also without the X-Accel-Buffering header, the hint that makes a default nginx stream it.',
    stream: { ratePerSec: 200, payloadBytes: 64, kind: 'text' },
    connections: 10,
    variants: [
      through('nginx-default', false, { transport: SSE_PLAIN, variant: 'sse-default' }),
      through('nginx-default', true, {
        transport: SSE_PLAIN,
        variant: 'sse-default-no-accel-header',
        server: noAccelHeader,
      }),
      through('nginx-tuned', false, { transport: SSE_PLAIN, variant: 'sse-tuned' }),
      through('nginx-default', true, { transport: WS_PLAIN, variant: 'ws-default' }),
      through('nginx-tuned', false, { transport: WS_PLAIN, variant: 'ws-tuned' }),
      ...throughTlsFront(),
    ],
    inDefaultProfile: {},
  },
  {
    name: 'proxy-buffering',
    family: 'proxy',
    description:
      "The seed's LLM answer (50 tokens 20 ms apart; SSE by POST as fetch-event-source sends it) through proxies that buffer (the dev-server model; a default nginx in front of a server without X-Accel-Buffering) and ones that do not (a default nginx given that header; nginx tuned), against direct in the same cell: time to first token, and whether tokens still arrive one by one.",
    stream: {},
    connections: 5,
    variants: [
      through('dev-proxy', true, { transport: SSE_PLAIN, variant: 'sse-dev-proxy', llm: { method: 'sse-post' } }),
      through('nginx-default', true, {
        transport: SSE_PLAIN,
        variant: 'sse-nginx-default-no-accel-header',
        server: noAccelHeader,
        llm: { method: 'sse-post' },
      }),
      through('nginx-default', false, {
        transport: SSE_PLAIN,
        variant: 'sse-nginx-default',
        llm: { method: 'sse-post' },
      }),
      through('nginx-tuned', false, { transport: SSE_PLAIN, variant: 'sse-nginx-tuned', llm: { method: 'sse-post' } }),
      through('dev-proxy', true, { transport: WS_PLAIN, variant: 'ws-dev-proxy', llm: { method: WS_FAMILY } }),
      through('nginx-tuned', false, { transport: WS_PLAIN, variant: 'ws-nginx-tuned', llm: { method: WS_FAMILY } }),
    ],
    inDefaultProfile: {},
  },
];
