/** The proxy family's metrics (SSE-3, OBS-2), listed in the catalogue (bench/metric-catalogue.ts). */
import type { MetricSpec } from '../metrics.js';
import { COMPARED_METRICS } from './proxy-comparison.js';

const WHAT: Record<(typeof COMPARED_METRICS)[number], string> = {
  latency_p50_us: 'one-way latency, median',
  latency_p99_us: 'one-way latency, 99th percentile',
  first_message_p50_us: 'time from connect start to the first message, median',
  ttft_p50_us: 'time to first token from sending the prompt, median',
  itl_p50_us: 'inter-token gap, median',
};

function comparedSpecs(name: (typeof COMPARED_METRICS)[number]): MetricSpec[] {
  return [
    {
      name: `direct_${name}`,
      unit: 'µs',
      class: 'noisy',
      better: 'lower',
      description: `${WHAT[name]}, straight to the server in the same cell (no proxy)`,
    },
    {
      name: `proxy_added_${name}`,
      unit: 'µs',
      class: 'noisy',
      better: 'lower',
      description: `${WHAT[name]} through the proxy minus direct, same cell (near 0 or negative = within noise)`,
    },
  ];
}

export const PROXY_METRICS: readonly MetricSpec[] = [
  {
    name: 'works',
    unit: 'bool',
    class: 'exact',
    better: 'higher',
    description:
      'the stream opened through the proxy and delivered messages (1) or not (0, the reason counted by error category)',
  },
  {
    name: 'first_event_ratio_vs_direct',
    unit: 'ratio',
    class: 'noisy',
    better: 'lower',
    description: 'time to the first event through the proxy / direct, same cell (1 = the proxy adds nothing)',
  },
  ...COMPARED_METRICS.flatMap(comparedSpecs),
  // nginx's TLS + HTTP/2 front (bench/proxy/tls-front.ts): what it negotiated with the client.
  {
    name: 'front_alpn_h2',
    unit: 'bool',
    class: 'exact',
    better: 'none',
    description: 'the TLS front chose ALPN h2 for a client offering h2 and http/1.1, as a browser does (1) or not (0)',
  },
  {
    name: 'front_ws_over_h2',
    unit: 'bool',
    class: 'exact',
    better: 'none',
    description:
      "the TLS front's HTTP/2 SETTINGS advertise extended CONNECT (RFC 8441), so WebSocket could ride HTTP/2 (1); 0 = WebSocket needs its own HTTP/1.1 + TLS connection",
  },
  {
    name: 'front_h2_requests',
    unit: 'count',
    class: 'info',
    better: 'none',
    description:
      "requests the TLS front served over HTTP/2 (ALPN h2) during the run through it, from nginx's access log (warm-up connection included)",
  },
  {
    name: 'front_http1_requests',
    unit: 'count',
    class: 'info',
    better: 'none',
    description:
      "requests the TLS front served over HTTP/1.1 + TLS during the run through it, from nginx's access log (warm-up connection included)",
  },
];
