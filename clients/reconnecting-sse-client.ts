/**
 * An SSE client that reconnects as the WHATWG EventSource does, on node:http and
 * eventsource-parser. The protocol defines items 1-4, and a browser's EventSource does them
 * natively (zero lines for a page); a Node client still has to write them, and they are here:
 * 1. Reconnect when the response ends or the network fails, after the reconnection time.
 * 2. `retry:` sets the reconnection time.
 * 3. The `id:` of each dispatched event becomes the last event ID, sent back as Last-Event-ID on
 *    reconnect (resume). A partial event is never dispatched, so it never moves the ID.
 * 4. HTTP 204 stops reconnecting; any other status than 200, or a type other than
 *    text/event-stream, fails the stream for good (so does a 502 from a proxy: the spec retries
 *    network errors only). Redirects are not followed here, unlike a browser's fetch.
 * Beyond the spec (a browser's EventSource has neither; the shared loop in reconnect-loop.ts):
 * 5. Exponential backoff with jitter on consecutive failures, on top of the reconnection time
 *    (the spec allows "wait some more").
 * 6. A handshake timeout, and an idle timeout fed by every byte, the server's comment heartbeats
 *    included, so a half-open connection is noticed.
 * Not covered: an event with an id and no data moves the ID in the spec, but eventsource-parser
 * does not report it (our servers never send one).
 */
import http from 'node:http';
import https from 'node:https';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { END_EVENT } from '../servers/envelope.js';
import { nowNs } from './clock.js';
import { categorise, tlsConnectOptions, type ConnectionError } from './connection.js';
import { ReconnectLoop, type AttemptControl } from './reconnect-loop.js';
import type { ReconnectingClient, ReconnectOptions } from './reconnecting-client.js';

/** The spec's checks of a response: undefined when the stream may start. */
function rejectResponse(res: http.IncomingMessage): ConnectionError | undefined {
  if (res.statusCode === 204)
    return { category: 'http-status', message: '204 No Content: the server told the client to stop reconnecting' };
  if (res.statusCode !== 200) return { category: 'http-status', message: `expected 200, got ${res.statusCode}` };
  const type = res.headers['content-type'] ?? '';
  const mime = type.split(';')[0]!.trim().toLowerCase();
  return mime === 'text/event-stream'
    ? undefined
    : { category: 'mime', message: `expected text/event-stream, got ${JSON.stringify(type)}` };
}

/** Opens an SSE stream that reconnects by itself (see the list above); call close() to stop it. */
export function openReconnectingSse(options: ReconnectOptions): ReconnectingClient {
  /** The spec's last event ID string: empty until an event with an id is dispatched. */
  let lastEventId = '';
  const readStream = (res: http.IncomingMessage, control: AttemptControl): void => {
    let receivedNs = 0;
    const dispatch = (event: EventSourceMessage): void => {
      if (event.id !== undefined) lastEventId = event.id;
      if (event.event !== END_EVENT) return options.sink.onText(event.data, receivedNs);
      options.sink.onEnd(Number(event.data));
      control.stop();
    };
    const parser = createParser({
      onEvent: dispatch,
      onRetry: (ms) => (loop.baseDelayMs = ms),
      onComment: () => options.listener?.onHeartbeat?.(),
    });
    // A streaming decoder: a UTF-8 character split across two chunks must not be mangled.
    const decoder = new TextDecoder();
    res.on('data', (chunk: Buffer) => {
      receivedNs = nowNs();
      control.alive();
      parser.feed(decoder.decode(chunk, { stream: true }));
    });
    res.on('error', (err) => control.lost(categorise(err, 'stream')));
    res.on('close', () =>
      control.lost(
        res.complete
          ? { category: 'close:eof', message: 'the server ended the stream' }
          : { category: 'reset', message: 'stream closed before it completed' },
      ),
    );
  };
  const loop = new ReconnectLoop(options, (control) => {
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (options.resume && lastEventId !== '') headers['last-event-id'] = lastEventId;
    const send = options.url.protocol === 'https:' ? https.request : http.request;
    const request = send(options.url, { headers, agent: false, ...tlsConnectOptions(options.tls) });
    let isOpen = false;
    request.on('error', (err) => control.lost(categorise(err, isOpen ? 'stream' : 'connect')));
    request.on('response', (res) => {
      const rejection = rejectResponse(res);
      if (rejection !== undefined) return control.stop(rejection);
      isOpen = true;
      control.opened();
      readStream(res, control);
    });
    request.end();
    return { destroy: () => request.destroy() };
  });
  return loop.start();
}
