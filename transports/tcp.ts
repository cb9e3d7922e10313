/** The floor: the same envelopes, length-prefixed on a plain TCP socket; what neither transport can beat. */
import type { StartServer, Transport } from './transport.js';

export const TCP = {
  name: 'tcp',
  label: 'TCP floor',
  family: 'tcp',
  layer: 'TCP',
  description: 'length-prefixed envelopes on plain TCP: the floor under both transports',
  scheme: 'tcp:',
  capabilities: { duplex: true, binaryFrames: false, resume: 'from-query', multiplexed: false, tls: false },
  inDefaultSelection: true,
  loadServer: async () =>
    import('../servers/tcp-server.js').then(
      (m): StartServer =>
        (config) =>
          m.startTcpServer(config),
    ),
  loadClient: async () => import('../clients/tcp-connection.js').then((m) => m.openTcpConnection),
} as const satisfies Transport;
