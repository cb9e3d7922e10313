/** SSE over HTTP/2 with TLS: each stream an HTTP/2 stream, all of a client's streams on one connection. */
import type { StartServer, Transport } from './transport.js';

export const SSE_H2 = {
  name: 'sse-h2',
  label: 'SSE (HTTP/2)',
  family: 'sse',
  layer: 'HTTP/2 + TLS',
  description:
    'Server-Sent Events over HTTP/2 (TLS, ALPN h2): every event a DATA frame, many streams on one connection',
  scheme: 'https:',
  capabilities: { duplex: false, binaryFrames: false, resume: 'last-event-id', multiplexed: true, tls: true },
  inDefaultSelection: false,
  loadServer: async () =>
    import('../servers/sse-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startSseServer(config, 'h2'),
    ),
  loadClient: async () => import('../clients/h2-sse-connection.js').then((m) => m.openH2SseConnection),
} as const satisfies Transport;
