/**
 * The proxy scenarios (SSE-3, OBS-2) as data. Each variant names the proxy its clients go through;
 * every cell also measures the same server directly, so what the proxy adds is a difference within
 * one cell rather than between two cells run at different moments.
 */
import type { Scenario, VariantSpec } from '../scenarios.js';
import type { ProxyHopName } from './proxy-hop.js';

/** A variant of a proxy scenario: which proxy stands between the clients and the server. */
export interface ProxyVariantSpec extends VariantSpec {
  variant: string;
  hop: ProxyHopName;
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

export const PROXY_SCENARIOS: ProxyScenario[] = [
  {
    name: 'proxy-nginx',
    family: 'proxy',
    description: "SSE and WS through a real nginx, with its default configuration and one tuned for streams, and the same server direct in each cell: does the stream get through, and what latency does nginx add. SSE also without the X-Accel-Buffering header, the hint that makes a default nginx stream it.",
    stream: { ratePerSec: 200, payloadBytes: 64, kind: 'text' },
    connections: 10,
    variants: [
      through('nginx-default', false, { transport: 'sse', variant: 'sse-default' }),
      through('nginx-default', true, { transport: 'sse', variant: 'sse-default-no-accel-header', server: noAccelHeader }),
      through('nginx-tuned', false, { transport: 'sse', variant: 'sse-tuned' }),
      through('nginx-default', true, { transport: 'ws', variant: 'ws-default' }),
      through('nginx-tuned', false, { transport: 'ws', variant: 'ws-tuned' }),
    ],
  },
  {
    name: 'proxy-buffering',
    family: 'proxy',
    description: "The seed's LLM answer (50 tokens 20 ms apart; SSE by POST as fetch-event-source sends it) through proxies that buffer (the dev-server model; a default nginx in front of a server without X-Accel-Buffering) and ones that do not (a default nginx given that header; nginx tuned), against direct in the same cell: time to first token, and whether tokens still arrive one by one.",
    stream: {},
    connections: 5,
    variants: [
      through('dev-proxy', true, { transport: 'sse', variant: 'sse-dev-proxy', llm: { method: 'sse-post' } }),
      through('nginx-default', true, { transport: 'sse', variant: 'sse-nginx-default-no-accel-header', server: noAccelHeader, llm: { method: 'sse-post' } }),
      through('nginx-default', false, { transport: 'sse', variant: 'sse-nginx-default', llm: { method: 'sse-post' } }),
      through('nginx-tuned', false, { transport: 'sse', variant: 'sse-nginx-tuned', llm: { method: 'sse-post' } }),
      through('dev-proxy', true, { transport: 'ws', variant: 'ws-dev-proxy', llm: { method: 'ws' } }),
      through('nginx-tuned', false, { transport: 'ws', variant: 'ws-nginx-tuned', llm: { method: 'ws' } }),
    ],
  },
];
