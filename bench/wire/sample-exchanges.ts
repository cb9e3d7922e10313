/**
 * The sample exchanges the wire check runs, in order. IPv6 loopback is included only where the
 * machine has `::1` (some containers do not), and the caller is told when it is left out.
 */
import { networkInterfaces } from 'node:os';
import { createHttpChunkedSample } from './http-chunked-sample.js';
import type { SampleExchange } from './sample-exchange.js';
import { createStreamSample } from './stream-sample.js';
import { wireTransports } from './wire-scenarios.js';
import { createTcpSample } from './tcp-sample.js';
import { createUpstreamSample } from './upstream-sample.js';
import { createWsSample } from './ws-sample.js';

/** True when some interface carries the IPv6 loopback address. */
export function hasIpv6Loopback(): boolean {
  return Object.values(networkInterfaces()).some((addresses) =>
    addresses?.some((address) => address.address === '::1'),
  );
}

/** The harness's real servers: bounded streams at 16 B and 1 KiB (text; binary at 1 KiB), both upstream paths. */
export function listServerSampleExchanges(): SampleExchange[] {
  const streams = wireTransports().flatMap((transport) => [
    createStreamSample(transport, 'text', 16),
    createStreamSample(transport, 'text', 1024),
    createStreamSample(transport, 'binary', 1024),
  ]);
  return [...streams, createUpstreamSample('ws-frames'), createUpstreamSample('sse-post')];
}

/** Raw TCP over IPv4 (and IPv6 when present), HTTP/1.1 chunked and WebSocket by hand, then the real servers. */
export function listSampleExchanges(): SampleExchange[] {
  const tcp = hasIpv6Loopback()
    ? [createTcpSample('127.0.0.1'), createTcpSample('::1')]
    : [createTcpSample('127.0.0.1')];
  return [...tcp, createHttpChunkedSample(), createWsSample(), ...listServerSampleExchanges()];
}
