/** The TCP floor's client: one request line, then length-prefixed text envelopes. */
import { nowNs } from './clock.js';
import net from 'node:net';
import { decodeEndText } from '../servers/envelope.js';
import { TcpFrameDecoder } from '../servers/tcp-framing.js';
import { categorise, type Connection, type ConnectionError, type OpenOptions } from './connection.js';

export function openTcpConnection(options: OpenOptions): Connection {
  const query = new URLSearchParams(options.url.search);
  if (options.resumeAfter !== undefined) query.set('from', String(options.resumeAfter));
  const requestLine = `${query.toString()}\n`;
  const socket = net.connect({
    host: options.url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(options.url.port),
    noDelay: true,
  });
  const decoder = new TcpFrameDecoder();
  let isOpen = false;
  let finish: (error?: ConnectionError) => void = () => undefined;
  const closed = new Promise<ConnectionError | undefined>((resolve) => (finish = resolve));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      isOpen = true;
      socket.write(requestLine);
      resolve();
    });
    socket.on('error', (err) => {
      const error = categorise(err, isOpen ? 'stream' : 'connect');
      if (!isOpen) reject(error);
      finish(error);
    });
  });
  opened.catch(() => undefined);
  socket.on('data', (chunk: Buffer) => {
    const receivedNs = nowNs();
    for (const frame of decoder.push(chunk)) {
      const text = frame.toString();
      const lastSeq = decodeEndText(text);
      if (lastSeq !== undefined) options.sink.onEnd(lastSeq);
      else if (text.startsWith('!error ')) finish({ category: 'protocol:request', message: text.slice(7) });
      else options.sink.onText(text, receivedNs);
    }
  });
  socket.on('close', () => finish(undefined));
  return {
    opened,
    closed,
    // TCP has no handshake beyond the request line, which counts as set-up upstream.
    bytes: () => ({
      read: socket.bytesRead,
      written: socket.bytesWritten,
      handshakeDown: 0,
      handshakeUp: Buffer.byteLength(requestLine),
    }),
    close: () => socket.destroy(),
  };
}
