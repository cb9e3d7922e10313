/**
 * One measured WebSocket connection to any server, on `ws` over our metered socket. Every message,
 * text or binary, is an event; the `--send` messages go out in order right after the upgrade.
 * A close without an error code (1000, 1001, 1005, or 1006: the TCP connection simply ended, which
 * servers such as websocketd do when their program exits) is the server ending the stream.
 */
import { WebSocket } from 'ws';
import { nowNs } from '../../clients/clock.js';
import { SocketMeter } from './socket-meter.js';
import { categoriseSocketError } from './stream-errors.js';
import { StreamLifecycle, type MeasuredStream, type StreamCallbacks, type StreamOptions } from './stream-lifecycle.js';

export interface WsRequest {
  url: URL;
  headers: Record<string, string>;
  send: readonly string[];
  insecure: boolean;
  maxEventBytes: number;
}

const NORMAL_CLOSE_CODES = new Set([1000, 1001, 1005, 1006]);

export function openWsStream(request: WsRequest, options: StreamOptions, callbacks: StreamCallbacks): MeasuredStream {
  const meter = new SocketMeter(request.url, request.insecure);
  const ws = new WebSocket(request.url, {
    headers: request.headers,
    perMessageDeflate: false,
    maxPayload: request.maxEventBytes,
    createConnection: meter.createConnection as never,
  });
  const life = new StreamLifecycle(meter, options, () => ws.terminate());
  let sawError = false;
  ws.once('open', () => {
    life.markOpen(callbacks);
    for (const text of request.send) ws.send(text);
  });
  ws.once('unexpected-response', (_req, res) => {
    life.fail({
      category: 'http-status',
      message:
        `expected 101 Switching Protocols, got ${res.statusCode} ${res.statusMessage ?? ''} from ${request.url.href}`.trimEnd(),
    });
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const receivedNs = nowNs();
    life.deliver(callbacks, { data: isBinary ? data.toString('base64') : data.toString(), receivedNs });
  });
  ws.on('error', (error: NodeJS.ErrnoException) => {
    sawError = true;
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      return life.fail({
        category: 'event-too-large',
        message: `a WebSocket message larger than ${request.maxEventBytes} bytes (--max-event-bytes) after ${life.events} events`,
      });
    }
    life.fail(categoriseSocketError(error, request.url));
  });
  ws.on('close', (code: number, reason: Buffer) => {
    if (sawError) return;
    const why = reason.length > 0 ? `: ${reason.toString()}` : '';
    if (NORMAL_CLOSE_CODES.has(code)) return life.serverClosed(` (close code ${code}${why})`);
    life.fail({
      category: `close:${code}`,
      message: `the server closed the WebSocket with code ${code}${why} after ${life.events} events`,
    });
  });
  return { done: life.done, stop: (end) => life.end(end) };
}
