/**
 * A real server from servers/ started in this process with the wire settings, for the wire check's
 * samples and the tests (the wire cells run theirs as a child process instead, for clean CPU).
 */
import type { RunningServer } from '../../servers/http-util.js';
import type { TransportName } from '../../transports/registry.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../../servers/server-config.js';
import type { SocketBytesTotal } from '../../servers/socket-tally.js';
import { startServer } from '../../servers/start-server.js';
import { PhaseError } from '../phase-error.js';
import { WIRE_SERVER_CONFIG } from './wire-server-config.js';

/** Bytes a client's sockets wrote (up) and read (down), all its connections together. */
export interface ClientSocketTotals {
  bytesUp: number;
  bytesDown: number;
}

const SETTLE_DEADLINE_MS = 2000;
const SETTLE_POLL_MS = 10;

/** Starts the SSE or WS server on 127.0.0.1, port 0, heartbeats off, one write per message. */
export function startWireServer(
  transport: TransportName,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  return startServer({
    ...DEFAULT_SERVER_CONFIG,
    ...WIRE_SERVER_CONFIG,
    transport,
    host: '127.0.0.1',
    port: 0,
    ...overrides,
  });
}

/**
 * The server's socket totals once they equal the client's, or as they stand at the deadline: the
 * client can be done before the server has read its last bytes (a close frame), never the reverse.
 */
export async function waitForServerTotals(
  server: RunningServer,
  client: ClientSocketTotals,
): Promise<SocketBytesTotal> {
  const deadline = performance.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const total = server.socketBytes?.();
    if (total === undefined) throw new PhaseError('internal', 'the server does not count its socket bytes');
    const settled = total.bytesRead === client.bytesUp && total.bytesWritten === client.bytesDown;
    if (settled || performance.now() > deadline) return total;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}
