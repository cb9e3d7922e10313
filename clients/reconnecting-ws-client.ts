/**
 * A WebSocket client that survives drops, on `ws`. The WebSocket protocol defines none of this,
 * so every item is the application's to write (a browser's WebSocket gives even less: ping frames
 * are invisible to a page, which needs heartbeat messages of its own):
 * 1. Reconnect after an error or any close but the end of the stream.
 * 2. Resume: the last sequence the application received, read from its own message format (WS
 *    has no event id), is sent back as ?from=<seq> (a convention of our server, not of WS).
 * 3. A 4xx upgrade response stops for good; a 5xx or a network error is retried (no spec says
 *    which: this is the usual choice).
 * 4. The end-of-stream marker stops instead of reconnecting.
 * 5. Exponential backoff with jitter (the shared loop in reconnect-loop.ts).
 * 6. A handshake timeout, and an idle timeout fed by every ping and message: the server pings,
 *    `ws` answers with a pong by itself, and a client that stops hearing pings has a half-open
 *    connection.
 */
import { decodeEndText } from '../servers/envelope.js';
import { nowNs } from './clock.js';
import { categorise, tlsConnectOptions } from './connection.js';
import { ReconnectLoop } from './reconnect-loop.js';
import type { ReconnectingClient, ReconnectOptions } from './reconnecting-client.js';
import { WebSocket } from './ws-connection.js';

/** Opens a WS stream that reconnects by itself (see the list above); call close() to stop it. */
export function openReconnectingWs(options: ReconnectOptions): ReconnectingClient {
  const loop = new ReconnectLoop(options, (control) => {
    const url = new URL(options.url.href);
    const lastSeq = options.sink.lastSeq;
    if (options.resume && lastSeq !== undefined) url.searchParams.set('from', String(lastSeq));
    const ws = new WebSocket(url, { perMessageDeflate: false, ...tlsConnectOptions(options.tls) });
    let isOpen = false;
    ws.on('open', () => {
      isOpen = true;
      control.opened();
    });
    ws.on('unexpected-response', (_request, res) => {
      const status = res.statusCode ?? 0;
      const error = { category: 'http-status', message: `expected 101, got ${status}` };
      if (status >= 400 && status < 500) control.stop(error);
      else control.lost(error);
    });
    ws.on('error', (err: NodeJS.ErrnoException) => control.lost(categorise(err, isOpen ? 'stream' : 'connect')));
    ws.on('close', (code: number) => control.lost({ category: `close:${code}`, message: `closed with code ${code}` }));
    ws.on('ping', () => {
      control.alive();
      options.listener?.onHeartbeat?.();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const receivedNs = nowNs();
      control.alive();
      if (isBinary) return options.sink.onBinary(data, receivedNs);
      const text = data.toString();
      const endSeq = decodeEndText(text);
      if (endSeq === undefined) return options.sink.onText(text, receivedNs);
      options.sink.onEnd(endSeq);
      control.stop();
    });
    return { destroy: () => ws.terminate() };
  });
  return loop.start();
}
