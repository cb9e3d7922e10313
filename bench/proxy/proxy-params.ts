/** A proxy cell's params (family `proxy`): the stream's (or the LLM's), the proxy, and what the client speaks to it. */
import { defineCellParams } from '../cell-params.js';
import { readStreamCellParams, type StreamCellParams } from '../stream-cell-params.js';
import type { ProxyFront, ProxyHopName } from './proxy-hop.js';

export type ProxyParams = StreamCellParams & {
  /** The proxy between the clients and the server. */
  proxy: ProxyHopName;
  /** Whether the proxy, as configured, holds an HTTP response back (see proxy-scenarios.ts). */
  buffering: boolean;
  /** What the client speaks to the proxy: plain HTTP/1.1, or TLS + HTTP/2 to nginx's front. */
  front: ProxyFront;
};

const PROXY_HOPS: readonly ProxyHopName[] = ['nginx-default', 'nginx-tuned', 'dev-proxy'];
const PROXY_FRONTS: readonly ProxyFront[] = ['plain', 'tls-h2'];

export const proxyParamsOf = defineCellParams(
  'proxy',
  (read, cell): ProxyParams => ({
    ...readStreamCellParams(read, cell),
    proxy: read.oneOf('proxy', PROXY_HOPS),
    buffering: read.boolean('buffering'),
    front: read.oneOf('front', PROXY_FRONTS, 'plain'),
  }),
  // A --target has its own front; nginx's TLS + HTTP/2 front stands before our own servers only.
  (params) =>
    params.front === 'tls-h2'
      ? "puts nginx's TLS + HTTP/2 front before our own servers, and a --target has its own front"
      : undefined,
);
