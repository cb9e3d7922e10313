/** SSE over HTTP/1.1 in clear: a chunked `text/event-stream` response per connection. */
import type { StartServer, Transport } from './transport.js';

export const SSE = {
  name: 'sse',
  label: 'SSE',
  family: 'sse',
  layer: 'HTTP/1.1',
  description: 'Server-Sent Events over HTTP/1.1 (chunked), one TCP connection per stream',
  scheme: 'http:',
  capabilities: { duplex: false, binaryFrames: false, resume: 'last-event-id', multiplexed: false, tls: false },
  inDefaultSelection: true,
  loadServer: async () =>
    import('../servers/sse-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startSseServer(config, 'http1'),
    ),
  loadClient: async () => import('../clients/sse-connection.js').then((m) => m.openSseConnection),
} as const satisfies Transport;
