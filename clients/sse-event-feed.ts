/**
 * What every SSE client connection does with a response, whatever carries it (HTTP/1.1, TLS,
 * HTTP/2): check it is a 200 `text/event-stream` as EventSource requires, then feed its bytes to a
 * spec parser that hands each message to the sink and the end event to its end.
 */
import { createParser } from 'eventsource-parser';
import { END_EVENT } from '../servers/envelope.js';
import type { ConnectionError } from './connection.js';
import type { MessageSink } from './receiver.js';

/** Why a response is not an event stream (EventSource fails the same two ways), or undefined. */
export function refuseResponse(status: number | undefined, contentType: string, url: URL): ConnectionError | undefined {
  if (status !== 200) return { category: 'http-status', message: `expected 200, got ${status} from ${url.href}` };
  if (!contentType.startsWith('text/event-stream'))
    return { category: 'mime', message: `expected text/event-stream, got ${JSON.stringify(contentType)}` };
  return undefined;
}

/** Feeds response bytes, received at `receivedNs`, to the parser; messages go to the sink timed so. */
export function createEventFeed(sink: MessageSink): (chunk: Buffer, receivedNs: number) => void {
  let lastReceivedNs = 0;
  const parser = createParser({
    onEvent(event) {
      if (event.event === END_EVENT) sink.onEnd(Number(event.data));
      else sink.onText(event.data, lastReceivedNs);
    },
  });
  // A streaming decoder: a UTF-8 character split across two chunks must not be mangled.
  const decoder = new TextDecoder();
  return (chunk, receivedNs) => {
    lastReceivedNs = receivedNs;
    parser.feed(decoder.decode(chunk, { stream: true }));
  };
}
