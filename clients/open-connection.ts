/** Opens a connection of the configured transport: the one switch between the adapters. */
import type { Connection } from './connection.js';
import type { ClientTransport } from './client-protocol.js';
import type { MessageSink } from './receiver.js';
import { openSseConnection } from './sse-connection.js';
import { openTcpConnection } from './tcp-connection.js';
import { openWsConnection } from './ws-connection.js';

export function openConnection(transport: ClientTransport, url: URL, sink: MessageSink, perMessageDeflate = false, resumeAfter?: number): Connection {
  const options = { url, sink, perMessageDeflate, ...(resumeAfter !== undefined ? { resumeAfter } : {}) };
  switch (transport) {
    case 'sse':
      return openSseConnection(options);
    case 'ws':
      return openWsConnection(options);
    case 'tcp':
      return openTcpConnection(options);
  }
}
