/** SSE over HTTPS/1.1: the same chunked response inside TLS records. */
import type { StartServer, Transport } from './transport.js';

export const SSE_TLS = {
  name: 'sse-tls',
  label: 'SSE (TLS)',
  family: 'sse',
  layer: 'HTTP/1.1 + TLS',
  description: 'Server-Sent Events over HTTPS/1.1 (TLS, chunked), one TLS connection per stream',
  scheme: 'https:',
  capabilities: { duplex: false, binaryFrames: false, resume: 'last-event-id', multiplexed: false, tls: true },
  inDefaultSelection: false,
  loadServer: async () =>
    import('../servers/sse-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startSseServer(config, 'https1'),
    ),
  loadClient: async () => import('../clients/sse-connection.js').then((m) => m.openSseConnection),
} as const satisfies Transport;
