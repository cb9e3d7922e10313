/** WebSocket over HTTP/1.1 in clear: an upgraded socket of RFC 6455 frames. */
import type { StartServer, Transport } from './transport.js';

export const WS = {
  name: 'ws',
  label: 'WebSocket',
  family: 'ws',
  layer: 'HTTP/1.1 upgrade',
  description: 'WebSocket (RFC 6455) over an upgraded HTTP/1.1 connection',
  scheme: 'ws:',
  capabilities: { duplex: true, binaryFrames: true, resume: 'from-query', multiplexed: false, tls: false },
  inDefaultSelection: true,
  loadServer: async () =>
    import('../servers/ws-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startWsServer(config, 'http1'),
    ),
  loadClient: async () => import('../clients/ws-connection.js').then((m) => m.openWsConnection),
} as const satisfies Transport;
