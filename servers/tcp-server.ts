/**
 * The floor: a plain TCP stream on the same schedule and envelope. The client's first line is the
 * stream's query string (`rate=100&size=64\n`, or an empty line for the defaults, `from=N` to
 * resume); then the server sends length-prefixed frames until the stream ends.
 */
import net from 'node:net';
import { encodeEndText, encodeText, type Envelope } from './envelope.js';
import { formatHost, listenOn, type RunningServer } from './http-util.js';
import { onceDrainedOrClosed } from './backpressure.js';
import type { Batch, Subscriber } from './publisher.js';
import { createCounters, type ServerConfig, type ServerCounters } from './server-config.js';
import { StreamHub } from './stream-hub.js';
import { parseStreamParams } from './stream-params.js';
import { encodeTcpFrame } from './tcp-framing.js';
import { TCP_FAMILY } from '../transports/families.js';

const MAX_REQUEST_LINE_BYTES = 4096;

const encodeFrames = (messages: readonly Envelope[], writtenNs: bigint): Buffer =>
  Buffer.concat(messages.map((env) => encodeTcpFrame(encodeText(env, writtenNs))));

function createTcpSubscriber(socket: net.Socket, config: ServerConfig, counters: ServerCounters): Subscriber {
  return {
    deliver(batch: Batch) {
      counters.messagesDelivered += batch.messages.length;
      if (config.writeMode === 'coalesced') socket.write(batch.encoded(TCP_FAMILY, encodeFrames));
      else for (const env of batch.messages) socket.write(encodeTcpFrame(encodeText(env, process.hrtime.bigint())));
    },
    isCongested: () => socket.writableLength > config.highWaterBytes,
    onceDrained: (callback) => onceDrainedOrClosed(socket, socket, callback),
    end(lastSeq) {
      socket.end(encodeTcpFrame(encodeEndText(lastSeq)));
    },
  };
}

/** Reads the request line, then hands the socket over to the stream. */
function readRequestLine(socket: net.Socket, onLine: (line: string) => void): void {
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    const end = buffered.indexOf('\n');
    if (end < 0) {
      if (buffered.length > MAX_REQUEST_LINE_BYTES) socket.destroy();
      return;
    }
    socket.off('data', onData);
    onLine(buffered.slice(0, end).trim());
  };
  socket.on('data', onData);
}

export async function startTcpServer(config: ServerConfig): Promise<RunningServer> {
  const counters = createCounters();
  const hub = new StreamHub(config);
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    counters.connectionsOpen++;
    counters.connectionsTotal++;
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      counters.connectionsOpen--;
    });
    readRequestLine(socket, (line) => {
      const query = new URLSearchParams(line.replace(/^\/?(stream)?\??/, ''));
      let params;
      try {
        params = parseStreamParams(query, config.defaults);
      } catch (err) {
        socket.end(encodeTcpFrame(`!error ${(err as Error).message}`));
        return;
      }
      const publisher = hub.acquire(params);
      const subscriber = createTcpSubscriber(socket, config, counters);
      socket.on('close', () => {
        publisher.unsubscribe(subscriber);
        hub.release(publisher);
      });
      const from = query.get('from');
      publisher.subscribe(subscriber, from === null ? undefined : Number(from));
    });
  });
  const port = await listenOn(server, config.host, config.port);
  return {
    port,
    url: `tcp://${formatHost(config.host)}:${port}/stream`,
    counters,
    messagesPublished: () => hub.messagesPublished,
    close: async () => {
      hub.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
