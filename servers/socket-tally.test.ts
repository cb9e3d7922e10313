import { once } from 'node:events';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tallySocketBytes } from './socket-tally.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('tallySocketBytes', () => {
  it('sums every accepted connection, open and closed, both directions', async () => {
    const server = createServer((socket) =>
      socket.on('data', (data: Buffer) => socket.write(Buffer.alloc(data.length * 2))).on('end', () => socket.end()),
    );
    servers.push(server);
    const totals = tallySocketBytes(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const exchange = async (bytes: number, close: boolean) => {
      const client = connect({ host: '127.0.0.1', port });
      await once(client, 'connect');
      client.write(Buffer.alloc(bytes));
      await once(client, 'data');
      if (close) {
        client.end();
        await once(client, 'close');
      }
      return client;
    };
    await exchange(10, true);
    const open = await exchange(5, false);
    expect(totals()).toEqual({ bytesRead: 15, bytesWritten: 30 });
    open.destroy();
  });
});
