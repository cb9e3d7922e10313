/**
 * The sample exchanges the wire check runs, in order. IPv6 loopback is included only where the
 * machine has `::1` (some containers do not), and the caller is told when it is left out.
 */
import { networkInterfaces } from 'node:os';
import { createHttpChunkedSample } from './http-chunked-sample.js';
import type { SampleExchange } from './sample-exchange.js';
import { createTcpSample } from './tcp-sample.js';
import { createWsSample } from './ws-sample.js';

/** True when some interface carries the IPv6 loopback address. */
export function hasIpv6Loopback(): boolean {
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => address.address === '::1'));
}

/** Raw TCP over IPv4 (and IPv6 when present), HTTP/1.1 chunked, and WebSocket. */
export function listSampleExchanges(): SampleExchange[] {
  const tcp = hasIpv6Loopback() ? [createTcpSample('127.0.0.1'), createTcpSample('::1')] : [createTcpSample('127.0.0.1')];
  return [...tcp, createHttpChunkedSample(), createWsSample()];
}
