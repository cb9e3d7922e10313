/**
 * Listening on a loopback address with port 0, and closing again without leaving a socket open:
 * what every sample exchange needs, so each of them stays about its protocol.
 */
import { once } from 'node:events';
import type { Server, Socket } from 'node:net';
import { PhaseError } from '../phase-error.js';

/** The loopback addresses the samples use; nothing else is ever listened on. */
export type LoopbackHost = '127.0.0.1' | '::1';

/** A listening server and a close() that also destroys every socket it accepted. */
export interface TrackedServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `host`, port 0, and tracks accepted sockets so close() cannot hang on keep-alive. */
export async function listenOnLoopback(server: Server, host: LoopbackHost): Promise<TrackedServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new PhaseError('server-start', `listen on ${host}: ${err.message}`)));
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new PhaseError('server-start', `no TCP address on ${host}`);
  return {
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once the socket has closed, whether that already happened or not. */
export async function waitForClose(socket: Socket): Promise<void> {
  if (!socket.closed) await once(socket, 'close');
}
