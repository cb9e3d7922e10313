/**
 * Opens a connection of a transport, as its transport declares it. A transport's client code is
 * loaded on its first connection and kept; `prepareTransport` loads it ahead, so that no timed
 * connection pays for the load.
 */
import { transportNamed } from '../transports/registry.js';
import type { OpenConnection } from '../transports/transport.js';
import type { ClientTls, Connection } from './connection.js';
import type { MessageSink } from './receiver.js';

const loaded = new Map<string, OpenConnection>();

async function clientOf(transport: string): Promise<OpenConnection> {
  let open = loaded.get(transport);
  if (open === undefined) {
    open = await transportNamed(transport).loadClient();
    loaded.set(transport, open);
  }
  return open;
}

/** Loads a transport's client code before anything is timed. */
export async function prepareTransport(transport: string): Promise<void> {
  await clientOf(transport);
}

export async function openConnection(
  transport: string,
  url: URL,
  sink: MessageSink,
  perMessageDeflate = false,
  resumeAfter?: number,
  tls?: ClientTls,
): Promise<Connection> {
  const open = loaded.get(transport) ?? (await clientOf(transport));
  return open({
    url,
    sink,
    perMessageDeflate,
    ...(resumeAfter !== undefined ? { resumeAfter } : {}),
    ...(tls !== undefined ? { tls } : {}),
  });
}
