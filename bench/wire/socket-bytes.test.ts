import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { diffSocketBytes, snapshotSocketBytes, splitSetupAndStream } from './socket-bytes.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A connected client/server socket pair on 127.0.0.1. */
async function openSocketPair(): Promise<{ client: Socket; server: Socket }> {
  const listener: Server = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const accepted = once(listener, 'connection') as Promise<[Socket]>;
  const client = connect({ host: '127.0.0.1', port: address.port });
  const [server] = await accepted;
  await once(client, 'connect');
  cleanups.push(() => {
    client.destroy();
    server.destroy();
    listener.close();
  });
  return { client, server };
}

/** Waits for `expectedBytes` more bytes (a data listener: for-await would destroy the socket on return). */
function readExactly(socket: Socket, expectedBytes: number): Promise<void> {
  return new Promise((resolve) => {
    let receivedBytes = 0;
    const onData = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes < expectedBytes) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
  });
}

describe('socket byte snapshots', () => {
  it('diff two snapshots of real sockets in both directions', async () => {
    const { client, server } = await openSocketPair();
    const before = snapshotSocketBytes(client);
    client.write(Buffer.alloc(1234));
    await readExactly(server, 1234);
    server.write(Buffer.alloc(56));
    await readExactly(client, 56);
    expect(diffSocketBytes(before, snapshotSocketBytes(client))).toEqual({ bytesRead: 56, bytesWritten: 1234 });
    expect(snapshotSocketBytes(server)).toEqual({ bytesRead: 1234, bytesWritten: 56 });
  });

  it('refuse snapshots given in the wrong order', () => {
    expect(() => diffSocketBytes({ bytesRead: 10, bytesWritten: 10 }, { bytesRead: 5, bytesWritten: 10 })).toThrow(
      /out of order/,
    );
  });
});

describe('splitSetupAndStream', () => {
  const afterSetup = { bytesRead: 129, bytesWritten: 154 };
  const atEnd = { bytesRead: 129 + 700, bytesWritten: 154 + 30 };

  it('maps a client socket: written is up, read is down', () => {
    expect(splitSetupAndStream(afterSetup, atEnd, 'client')).toEqual({
      setupBytesUp: 154,
      setupBytesDown: 129,
      streamBytesUp: 30,
      streamBytesDown: 700,
    });
  });

  it('maps a server socket: read is up, written is down', () => {
    expect(splitSetupAndStream(afterSetup, atEnd, 'server')).toEqual({
      setupBytesUp: 129,
      setupBytesDown: 154,
      streamBytesUp: 700,
      streamBytesDown: 30,
    });
  });
});
