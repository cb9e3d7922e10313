/**
 * Plain TCP, no protocol at all: the client writes 1,000 bytes in 3 writes, the server answers
 * 70,000 bytes in 7 writes and ends. Every byte on the wire is payload, so the expected counts
 * are just the sums of the writes.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { listenOnLoopback, waitForClose, type LoopbackHost } from './loopback-server.js';
import { sumBytes, type ExchangeOutcome, type SampleExchange } from './sample-exchange.js';
import { snapshotSocketBytes } from './socket-bytes.js';

/** Three uneven writes, so a count that only saw the first or last write cannot pass. */
export const TCP_CLIENT_WRITES_BYTES: readonly number[] = [300, 300, 400];
/** 70,000 bytes: more than one 64 KiB loopback segment, so the answer spans several segments. */
export const TCP_SERVER_WRITES_BYTES: readonly number[] = Array.from({ length: 7 }, () => 10_000);

/** The exchange over IPv4 (`127.0.0.1`) or IPv6 (`::1`) loopback. */
export function createTcpSample(host: LoopbackHost): SampleExchange {
  return { name: host === '::1' ? 'tcp-ipv6' : 'tcp-ipv4', open: () => openTcpSample(host) };
}

async function openTcpSample(
  host: LoopbackHost,
): Promise<{ ports: number[]; run: () => Promise<ExchangeOutcome>; close: () => Promise<void> }> {
  const server = createServer(answerAfterRequest);
  const tracked = await listenOnLoopback(server, host);
  const run = async (): Promise<ExchangeOutcome> => {
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect({ host, port: tracked.port });
    await once(client, 'connect');
    const clientPort = client.localPort ?? -1; // read now: Node clears it once the socket closes
    const [serverSocket] = await accepted;
    for (const chunkBytes of TCP_CLIENT_WRITES_BYTES) client.write(Buffer.alloc(chunkBytes, 0x61));
    client.resume();
    await once(client, 'end');
    client.end();
    await Promise.all([waitForClose(client), waitForClose(serverSocket)]);
    return describeOutcome(host, clientPort, client, serverSocket);
  };
  return { ports: [tracked.port], run, close: () => tracked.close() };
}

/** Reads until the whole request is in, then writes the answer and ends (half-close). */
function answerAfterRequest(socket: Socket): void {
  const requestBytes = sumBytes(TCP_CLIENT_WRITES_BYTES);
  let receivedBytes = 0;
  socket.on('error', () => socket.destroy()); // surfaces as a count mismatch, which is reported
  socket.on('data', (chunk: Buffer) => {
    receivedBytes += chunk.length;
    if (receivedBytes < requestBytes) return;
    socket.removeAllListeners('data');
    socket.resume();
    for (const chunkBytes of TCP_SERVER_WRITES_BYTES) socket.write(Buffer.alloc(chunkBytes, 0x62));
    socket.end();
  });
}

function describeOutcome(
  host: LoopbackHost,
  clientPort: number,
  client: Socket,
  serverSocket: Socket,
): ExchangeOutcome {
  const clientBytes = snapshotSocketBytes(client);
  const serverBytes = snapshotSocketBytes(serverSocket);
  return {
    counts: [{ label: `tcp ${host}`, clientPort, bytesUp: clientBytes.bytesWritten, bytesDown: clientBytes.bytesRead }],
    knownAnswers: [
      {
        name: 'client wrote Σ client writes',
        expectedBytes: sumBytes(TCP_CLIENT_WRITES_BYTES),
        measuredBytes: clientBytes.bytesWritten,
      },
      {
        name: 'client read Σ server writes',
        expectedBytes: sumBytes(TCP_SERVER_WRITES_BYTES),
        measuredBytes: clientBytes.bytesRead,
      },
      {
        name: 'server read what the client wrote',
        expectedBytes: clientBytes.bytesWritten,
        measuredBytes: serverBytes.bytesRead,
      },
      {
        name: 'server wrote what the client read',
        expectedBytes: clientBytes.bytesRead,
        measuredBytes: serverBytes.bytesWritten,
      },
    ],
  };
}
