/** Starts the server for a transport: the one switch between the three implementations. */
import type { RunningServer } from './http-util.js';
import type { ServerConfig } from './server-config.js';
import { startSseServer } from './sse-server.js';
import { startTcpServer } from './tcp-server.js';
import { startWsServer } from './ws-server.js';

export function startServer(config: ServerConfig): Promise<RunningServer> {
  switch (config.transport) {
    case 'sse':
      return startSseServer(config);
    case 'ws':
      return startWsServer(config);
    case 'tcp':
      return startTcpServer(config);
  }
}
