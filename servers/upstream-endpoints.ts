/**
 * Client→server messages (claims WS-1, SSE-4), each answered with an acknowledgement so a client
 * can time the round trip on either transport the same way:
 * - SSE: `POST /upstream`, the body one text envelope, answered `204 No Content` (the usual SSE
 *   answer to "the client has something to say": an HTTP request per message, headers and all).
 * - WS: `/upstream` subscribes to a stream like `/stream` (so the socket is busy downstream) and
 *   answers every text frame carrying an envelope with a `!ack <seq>` frame on the same socket.
 * A message that is not an envelope, or whose checksum fails, is refused (400, or close 1007).
 */
import type http from 'node:http';
import type { WebSocket } from 'ws';
import { decodeText, EnvelopeError, type DecodedEnvelope } from './envelope.js';
import { readRequestBody, sendError } from './http-util.js';
import type { ServerCounters } from './server-config.js';

/** The acknowledgement frame's prefix; like `!end`, it cannot be mistaken for an envelope. */
export const UPSTREAM_ACK_PREFIX = '!ack ';

/** `!ack 42`: the server received and checked upstream message 42. */
export function encodeUpstreamAck(seq: number): string {
  return `${UPSTREAM_ACK_PREFIX}${seq}`;
}

/** The sequence an acknowledgement names, or undefined when the text is not one. */
export function decodeUpstreamAck(text: string): number | undefined {
  return text.startsWith(UPSTREAM_ACK_PREFIX) ? Number(text.slice(UPSTREAM_ACK_PREFIX.length)) : undefined;
}

/** The decoded envelope, or the reason it is refused. */
function checkEnvelope(text: string): DecodedEnvelope | string {
  try {
    const env = decodeText(text);
    return env.checksumOk ? env : `upstream message ${env.seq}: checksum mismatch`;
  } catch (err) {
    if (err instanceof EnvelopeError) return err.message;
    throw err;
  }
}

/** POST /upstream: checks the envelope in the body and answers 204 (400 when it is not one). */
export async function receiveSseUpstream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  counters: ServerCounters,
): Promise<void> {
  const checked = checkEnvelope(await readRequestBody(req));
  if (typeof checked === 'string') return sendError(res, 400, checked);
  counters.upstreamReceived++;
  res.writeHead(204).end();
}

/** WS /upstream: acknowledges each envelope frame; closes with 1007 on anything else. */
export function acknowledgeWsUpstream(ws: WebSocket, counters: ServerCounters): void {
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const checked = isBinary ? 'upstream messages are text envelopes' : checkEnvelope(data.toString());
    if (typeof checked === 'string') return ws.close(1007, checked.slice(0, 120));
    counters.upstreamReceived++;
    ws.send(encodeUpstreamAck(checked.seq));
  });
}
