/**
 * A WebSocket client connection on `ws`. Text frames carry the text envelope, binary frames the
 * binary one; `!end N` ends a bounded stream. Resumes with `?from=<last seq>`.
 */
import { nowNs } from './clock.js';
import { WebSocket } from 'ws';
import { decodeEndText } from '../servers/envelope.js';
import { categorise, HandshakeTap, type Connection, type ConnectionError, type OpenOptions } from './connection.js';

/** The `ws` package's client, for the runners that speak WebSocket themselves (chat, LLM, reconnect). */
export { WebSocket };

export function openWsConnection(options: OpenOptions): Connection {
  const tap = new HandshakeTap(
    options.tapSocket,
    options.url.protocol === 'wss:' ? { client: options.tls ?? {}, alpn: ['http/1.1'] } : undefined,
  );
  const url = new URL(options.url.href);
  if (options.resumeAfter !== undefined) url.searchParams.set('from', String(options.resumeAfter));
  const ws = new WebSocket(url, {
    perMessageDeflate: options.perMessageDeflate ?? false,
    createConnection: tap.createConnection as never,
  });
  let isOpen = false;
  let finish: (error?: ConnectionError) => void = () => undefined;
  const closed = new Promise<ConnectionError | undefined>((resolve) => (finish = resolve));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      isOpen = true;
      resolve();
    });
    ws.once('unexpected-response', (_req, res) => {
      const error = { category: 'http-status', message: `expected 101, got ${res.statusCode} from ${url.href}` };
      reject(error);
      finish(error);
      ws.terminate();
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      const error = categorise(err, isOpen ? 'stream' : 'connect');
      if (!isOpen) reject(error);
      finish(error);
    });
  });
  opened.catch(() => undefined);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    // When the frame's last bytes came off the socket, not when ws got round to emitting it.
    const receivedNs = tap.lastArrivalNs || nowNs();
    if (isBinary) return options.sink.onBinary(data, receivedNs);
    const text = data.toString();
    const lastSeq = decodeEndText(text);
    if (lastSeq !== undefined) options.sink.onEnd(lastSeq);
    else options.sink.onText(text, receivedNs);
  });
  ws.on('close', (code: number) =>
    finish(
      code === 1000 || code === 1005 ? undefined : { category: `close:${code}`, message: `closed with code ${code}` },
    ),
  );
  return { opened, closed, bytes: () => tap.bytes(), close: () => ws.terminate() };
}
