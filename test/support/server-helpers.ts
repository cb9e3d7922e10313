/**
 * Test helpers: start a server in-process on port 0 and collect what a client connection receives.
 * Kept out of the `*.test.ts` files so several suites share one careful implementation.
 */
import { openConnection } from '../../clients/open-connection.js';
import type { ClientTls, Connection } from '../../clients/connection.js';
import type { MessageSink } from '../../clients/receiver.js';
import { decodeBinary, decodeText, type DecodedEnvelope } from '../../servers/envelope.js';
import type { RunningServer } from '../../servers/http-util.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type TransportName } from '../../servers/server-config.js';
import { startServer } from '../../servers/start-server.js';

export function startTestServer(
  transport: TransportName,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  return startServer({ ...DEFAULT_SERVER_CONFIG, transport, port: 0, heartbeatMs: 0, ...overrides });
}

export interface Collected {
  messages: DecodedEnvelope[];
  endedAt?: number;
  connection: Connection;
  /** Resolves once `count` messages arrived or the stream ended. */
  waitFor(count: number, timeoutMs?: number): Promise<DecodedEnvelope[]>;
}

/** A connection usable at once while its transport's client code loads (the first connection of a transport). */
function deferred(pending: Promise<Connection>): Connection {
  let ready: Connection | undefined;
  void pending.then((connection) => (ready = connection));
  return {
    opened: pending.then((connection) => connection.opened),
    closed: pending.then((connection) => connection.closed),
    bytes: () => ready?.bytes() ?? { read: 0, written: 0, handshakeDown: 0, handshakeUp: 0 },
    close: () => void pending.then((connection) => connection.close()),
  };
}

export function collect(transport: TransportName, url: string, resumeAfter?: number, tls?: ClientTls): Collected {
  const messages: DecodedEnvelope[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.forEach((w) => w());
  const state: { endedAt?: number } = {};
  const sink: MessageSink = {
    onText: (text) => (messages.push(decodeText(text)), notify()),
    onBinary: (frame) => (messages.push(decodeBinary(frame)), notify()),
    onEnd: (lastSeq) => ((state.endedAt = lastSeq), notify()),
    lastSeq: undefined,
  };
  const connection = deferred(openConnection(transport, new URL(url), sink, false, resumeAfter, tls));
  return {
    messages,
    connection,
    get endedAt() {
      return state.endedAt;
    },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out with ${messages.length}/${count} messages`)),
          timeoutMs,
        );
        const check = () => {
          if (messages.length >= count || state.endedAt !== undefined) {
            clearTimeout(timer);
            resolve(messages);
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}
