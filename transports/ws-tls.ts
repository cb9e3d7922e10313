/** WebSocket over TLS (wss://): the same frames inside TLS records. */
import type { StartServer, Transport } from './transport.js';

export const WS_TLS = {
  name: 'ws-tls',
  label: 'WebSocket (TLS)',
  family: 'ws',
  layer: 'HTTP/1.1 upgrade + TLS',
  description: 'WebSocket over TLS (wss://), an upgraded HTTPS/1.1 connection',
  scheme: 'wss:',
  capabilities: { duplex: true, binaryFrames: true, resume: 'from-query', multiplexed: false, tls: true },
  inDefaultSelection: false,
  loadServer: async () =>
    import('../servers/ws-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startWsServer(config, 'https1'),
    ),
  loadClient: async () => import('../clients/ws-connection.js').then((m) => m.openWsConnection),
} as const satisfies Transport;
