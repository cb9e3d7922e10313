/**
 * HTTP/1.1 with a chunked response body, as an SSE stream is sent: node:http answers a GET with
 * chunks of known sizes, one `res.write` each. The body's bytes on the wire must be exactly the
 * chunk framing RFC 9112 §7.1 prescribes around the data, which is the per-write overhead an SSE
 * stream pays on HTTP/1.1 (claim SSE-6).
 */
import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CHUNKED_TERMINATOR_BYTES, chunkedFramingBytes } from './frame-sizes.js';
import { listenOnLoopback, waitForClose } from './loopback-server.js';
import { sumBytes, type ExchangeOutcome, type OpenedExchange, type SampleExchange } from './sample-exchange.js';
import { snapshotSocketBytes } from './socket-bytes.js';

/** Sizes whose hex lengths take 1 to 5 digits (1, f, 10, ff, 100, 1000, 11170). */
export const HTTP_CHUNKS_BYTES: readonly number[] = [1, 15, 16, 255, 256, 4096, 70_000];

/** The exchange on 127.0.0.1. */
export function createHttpChunkedSample(): SampleExchange {
  return { name: 'http-chunked', open: openHttpChunkedSample };
}

/** The server's own view of the response: bytes of the head and of the chunked body. */
interface ServerTally {
  socket: Socket;
  headBytes: number;
  bodyBytes: number;
}

async function openHttpChunkedSample(): Promise<OpenedExchange> {
  const tallies: Promise<ServerTally>[] = [];
  const server = createServer((req, res) => {
    const tally = sendChunks(req, res);
    tally.catch(() => undefined); // awaited in run(); this only stops an early failure counting as unhandled
    tallies.push(tally);
  });
  const tracked = await listenOnLoopback(server, '127.0.0.1');
  const run = async (): Promise<ExchangeOutcome> => {
    // agent: false sends `Connection: close`, so the connection (and its counters) ends with the response.
    const request = get({ host: '127.0.0.1', port: tracked.port, path: '/chunks', agent: false });
    const [client] = (await once(request, 'socket')) as [Socket];
    const [response] = (await once(request, 'response')) as [IncomingMessage];
    const clientPort = client.localPort ?? -1; // read now: Node clears it once the socket closes
    const bodyBytes = await readBodyBytes(response);
    const tally = await tallies[0];
    if (!tally) throw new Error('http sample: the server saw no request');
    await Promise.all([waitForClose(client), waitForClose(tally.socket)]);
    return describeOutcome(clientPort, client, bodyBytes, tally, response.headers['transfer-encoding']);
  };
  return { ports: [tracked.port], run, close: () => tracked.close() };
}

/** Sends the head alone, then one chunk per write, and measures both on the server's socket. */
async function sendChunks(req: IncomingMessage, res: ServerResponse): Promise<ServerTally> {
  req.resume();
  const socket = req.socket;
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.flushHeaders(); // the head goes out now, so bytesWritten splits head from body exactly
  const headBytes = socket.bytesWritten;
  for (const chunkBytes of HTTP_CHUNKS_BYTES) {
    if (!res.write(Buffer.alloc(chunkBytes, 0x63))) await once(res, 'drain');
  }
  res.end();
  await once(res, 'finish');
  return { socket, headBytes, bodyBytes: socket.bytesWritten - headBytes };
}

async function readBodyBytes(response: IncomingMessage): Promise<number> {
  let bodyBytes = 0;
  for await (const chunk of response) bodyBytes += (chunk as Buffer).length;
  return bodyBytes;
}

function describeOutcome(
  clientPort: number,
  client: Socket,
  bodyBytes: number,
  tally: ServerTally,
  transferEncoding: string | undefined,
): ExchangeOutcome {
  const clientBytes = snapshotSocketBytes(client);
  const serverBytes = snapshotSocketBytes(tally.socket);
  const framedBodyBytes = sumBytes(HTTP_CHUNKS_BYTES.map(chunkedFramingBytes)) + CHUNKED_TERMINATOR_BYTES;
  return {
    counts: [
      { label: 'http chunked', clientPort, bytesUp: clientBytes.bytesWritten, bytesDown: clientBytes.bytesRead },
    ],
    knownAnswers: [
      { name: 'client received Σ chunk data', expectedBytes: sumBytes(HTTP_CHUNKS_BYTES), measuredBytes: bodyBytes },
      // A response that was not chunked would not pay the framing: make that fail loudly, not by a byte count.
      {
        name: 'body on the wire = Σ chunkedFramingBytes + 0\\r\\n\\r\\n',
        expectedBytes: framedBodyBytes,
        measuredBytes: transferEncoding === 'chunked' ? tally.bodyBytes : -1,
      },
      {
        name: 'chunk framing overhead',
        expectedBytes: framedBodyBytes - sumBytes(HTTP_CHUNKS_BYTES),
        measuredBytes: tally.bodyBytes - bodyBytes,
      },
      {
        name: 'client read = server head + body',
        expectedBytes: tally.headBytes + tally.bodyBytes,
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
