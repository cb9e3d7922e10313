/**
 * One measured SSE connection to any server: http(s).request on our metered socket and
 * eventsource-parser (the spec's parsing rules), behind caps on line and event size. Like
 * EventSource, anything but a 200 with text/event-stream fails the connection.
 */
import http from 'node:http';
import https from 'node:https';
import { createParser } from 'eventsource-parser';
import { nowNs } from '../../clients/clock.js';
import { LineGuard } from './line-guard.js';
import { SocketMeter } from './socket-meter.js';
import { categoriseSocketError } from './stream-errors.js';
import { StreamLifecycle, type MeasuredStream, type StreamCallbacks, type StreamOptions } from './stream-lifecycle.js';

export interface SseRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  lastEventId?: string;
  insecure: boolean;
  maxLineBytes: number;
  maxEventBytes: number;
}

function requestHeaders(request: SseRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.lastEventId !== undefined) headers['last-event-id'] = request.lastEventId;
  // The user's headers win: they may set their own Accept or Content-Type.
  return { ...headers, ...request.headers };
}

export function openSseStream(request: SseRequest, options: StreamOptions, callbacks: StreamCallbacks): MeasuredStream {
  const meter = new SocketMeter(request.url, request.insecure);
  const client = request.url.protocol === 'https:' ? https : http;
  const req = client.request(request.url, {
    method: request.method,
    headers: requestHeaders(request),
    createConnection: meter.createConnection as never,
  });
  const life = new StreamLifecycle(meter, options, () => req.destroy());
  req.on('error', (error: NodeJS.ErrnoException) => life.fail(categoriseSocketError(error, request.url)));
  req.on('response', (res) => {
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200)
      return life.fail({
        category: 'http-status',
        message: `expected 200, got ${res.statusCode} ${res.statusMessage ?? ''} from ${request.url.href}`.trimEnd(),
      });
    if (!/^text\/event-stream\b/i.test(type))
      return life.fail({
        category: 'mime',
        message: `expected Content-Type text/event-stream, got ${JSON.stringify(type)} from ${request.url.href}`,
      });
    life.markOpen(callbacks);
    const guard = new LineGuard(request.maxLineBytes, request.maxEventBytes);
    let receivedNs = 0;
    const parser = createParser({
      onEvent: (event) =>
        life.deliver(callbacks, {
          data: event.data,
          receivedNs,
          ...(event.id !== undefined ? { id: event.id } : {}),
          ...(event.event !== undefined ? { event: event.event } : {}),
        }),
      onRetry: (retryMs) => (life.retryMs = retryMs),
    });
    // A streaming decoder: a UTF-8 character split across two chunks must not be mangled.
    const decoder = new TextDecoder();
    res.on('data', (chunk: Buffer) => {
      receivedNs = nowNs();
      const broken = guard.feed(chunk);
      if (broken !== undefined) {
        const cap =
          broken === 'line-too-long'
            ? `${request.maxLineBytes} bytes (--max-line-bytes)`
            : `${request.maxEventBytes} bytes (--max-event-bytes)`;
        return life.fail({
          category: broken,
          message: `an SSE ${broken === 'line-too-long' ? 'line' : 'event'} longer than ${cap} after ${life.events} events`,
        });
      }
      parser.feed(decoder.decode(chunk, { stream: true }));
    });
    res.on('end', () => life.serverClosed());
    res.on('error', (error: NodeJS.ErrnoException) => life.fail(categoriseSocketError(error, request.url)));
    res.on('close', () => {
      if (!res.complete)
        life.fail({
          category: 'reset',
          message: `the stream from ${request.url.host} was cut before it completed (no final chunk) after ${life.events} events`,
        });
    });
  });
  req.end(request.body);
  return { done: life.done, stop: (end) => life.end(end) };
}
