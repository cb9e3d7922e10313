/**
 * WebSocket on `ws`, compression off: after the upgrade the client sends 2 binary messages
 * (masked, as RFC 6455 §5.1 requires of clients), the server answers with 3, and the client closes
 * with code 1000. Message sizes straddle the 125 / 65,535-byte boundaries of the frame header, so
 * the stream bytes must equal the sum of `wsFrameBytes` exactly (claims WS-3, WS-4).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { wsFrameBytes } from './frame-sizes.js';
import { listenOnLoopback, waitForClose } from './loopback-server.js';
import {
  sumBytes,
  type ExchangeOutcome,
  type KnownAnswer,
  type OpenedExchange,
  type SampleExchange,
} from './sample-exchange.js';
import { diffSocketBytes, snapshotSocketBytes, splitSetupAndStream, type SocketBytes } from './socket-bytes.js';
import { plainTransportOf, WS_FAMILY } from '../../transports/families.js';

/** 2-byte header + mask, then 8-byte header + mask (64-bit length). */
export const WS_CLIENT_MESSAGES_BYTES: readonly number[] = [125, 65_536];
/** One frame of each header size: 2, 4 and 10 bytes. */
export const WS_SERVER_MESSAGES_BYTES: readonly number[] = [100, 126, 70_000];
/** A close frame carrying only the 2-byte status code 1000 (RFC 6455 §5.5.1). */
const CLOSE_PAYLOAD_BYTES = 2;

/** The exchange on 127.0.0.1. */
export function createWsSample(): SampleExchange {
  return { name: plainTransportOf(WS_FAMILY), open: openWsSample };
}

/** One end's counters at the three phase boundaries: upgraded, messages done, closed. */
interface PhaseSnapshots {
  socket: Socket;
  afterSetup: SocketBytes;
  afterStream: Promise<SocketBytes>;
}

async function openWsSample(): Promise<OpenedExchange> {
  const httpServer = createServer((_req, res) => res.writeHead(426).end()); // plain HTTP is not served
  const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
  const serverEnds: PhaseSnapshots[] = [];
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => serverEnds.push(answerAfterMessages(ws, req.socket)));
  const tracked = await listenOnLoopback(httpServer, '127.0.0.1');
  const run = async (): Promise<ExchangeOutcome> => {
    const client = await runClient(tracked.port);
    const server = serverEnds[0];
    if (!server) throw new Error('ws sample: the server saw no connection');
    await Promise.all([waitForClose(client.socket), waitForClose(server.socket)]);
    return describeOutcome(client, server);
  };
  const close = async (): Promise<void> => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await tracked.close();
  };
  return { ports: [tracked.port], run, close };
}

/**
 * Server side: the upgrade is done when 'connection' fires (ws writes the 101 just before), and
 * no client frame can have arrived yet because the client sends only after reading the 101.
 */
function answerAfterMessages(ws: WebSocket, socket: Socket): PhaseSnapshots {
  const afterSetup = snapshotSocketBytes(socket);
  let receivedMessages = 0;
  const afterStream = new Promise<SocketBytes>((resolve) => {
    ws.on('message', () => {
      receivedMessages += 1;
      if (receivedMessages < WS_CLIENT_MESSAGES_BYTES.length) return;
      for (const messageBytes of WS_SERVER_MESSAGES_BYTES) ws.send(Buffer.alloc(messageBytes, 0x64), { binary: true });
      resolve(snapshotSocketBytes(socket)); // bytesWritten counts queued bytes too, so this is final
    });
  });
  ws.on('error', () => ws.terminate()); // surfaces as a count mismatch, which is reported
  return { socket, afterSetup, afterStream };
}

/** Client side, with its local port read while the socket is open. */
interface ClientEnd extends PhaseSnapshots {
  clientPort: number;
}

async function runClient(port: number): Promise<ClientEnd> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  // Both listeners first: ws emits 'open' in the same tick as 'upgrade', before an await resumes.
  const upgraded = once(ws, 'upgrade') as Promise<[IncomingMessage]>;
  const opened = once(ws, 'open');
  const [[response]] = await Promise.all([upgraded, opened]);
  const socket = response.socket;
  const clientPort = socket.localPort ?? -1;
  const afterSetup = snapshotSocketBytes(socket);
  const allReceived = receiveMessages(ws, WS_SERVER_MESSAGES_BYTES.length);
  for (const messageBytes of WS_CLIENT_MESSAGES_BYTES) ws.send(Buffer.alloc(messageBytes, 0x65), { binary: true });
  await allReceived;
  const afterStream = snapshotSocketBytes(socket);
  ws.close(1000);
  await once(ws, 'close');
  return { socket, clientPort, afterSetup, afterStream: Promise.resolve(afterStream) };
}

function receiveMessages(ws: WebSocket, expectedMessages: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let receivedMessages = 0;
    ws.on('error', reject);
    ws.on('message', () => {
      receivedMessages += 1;
      if (receivedMessages === expectedMessages) resolve();
    });
  });
}

async function describeOutcome(client: ClientEnd, server: PhaseSnapshots): Promise<ExchangeOutcome> {
  const clientEnd = snapshotSocketBytes(client.socket);
  const clientSplit = splitSetupAndStream(client.afterSetup, await client.afterStream, 'client');
  const serverSplit = splitSetupAndStream(server.afterSetup, await server.afterStream, 'server');
  const closing = diffSocketBytes(await client.afterStream, clientEnd);
  const framesUpBytes = sumBytes(WS_CLIENT_MESSAGES_BYTES.map((bytes) => wsFrameBytes(bytes, { masked: true })));
  const framesDownBytes = sumBytes(WS_SERVER_MESSAGES_BYTES.map((bytes) => wsFrameBytes(bytes, { masked: false })));
  const knownAnswers: KnownAnswer[] = [
    {
      name: 'stream up = Σ wsFrameBytes(masked)',
      expectedBytes: framesUpBytes,
      measuredBytes: clientSplit.streamBytesUp,
    },
    {
      name: 'stream down = Σ wsFrameBytes(unmasked)',
      expectedBytes: framesDownBytes,
      measuredBytes: clientSplit.streamBytesDown,
    },
    {
      name: 'server stream read = Σ client frames',
      expectedBytes: framesUpBytes,
      measuredBytes: serverSplit.streamBytesUp,
    },
    {
      name: 'server stream wrote = Σ server frames',
      expectedBytes: framesDownBytes,
      measuredBytes: serverSplit.streamBytesDown,
    },
    {
      name: 'close frame up (masked, code only)',
      expectedBytes: wsFrameBytes(CLOSE_PAYLOAD_BYTES, { masked: true }),
      measuredBytes: closing.bytesWritten,
    },
    {
      name: 'close frame down (code only)',
      expectedBytes: wsFrameBytes(CLOSE_PAYLOAD_BYTES, { masked: false }),
      measuredBytes: closing.bytesRead,
    },
    {
      name: 'upgrade request: server read = client wrote',
      expectedBytes: clientSplit.setupBytesUp,
      measuredBytes: serverSplit.setupBytesUp,
    },
    {
      name: 'upgrade response: client read = server wrote',
      expectedBytes: serverSplit.setupBytesDown,
      measuredBytes: clientSplit.setupBytesDown,
    },
  ];
  return {
    counts: [
      {
        label: plainTransportOf(WS_FAMILY),
        clientPort: client.clientPort,
        bytesUp: clientEnd.bytesWritten,
        bytesDown: clientEnd.bytesRead,
      },
    ],
    knownAnswers,
  };
}
