/**
 * The chat room on each transport. SSE: members listen on GET /chat and post each message as its own
 * HTTP POST /chat (the usual SSE answer to "the client has something to say"). WS: members send and
 * receive on their one socket at /chat. Every line is a text envelope stamped by its sender.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { ChatRoom } from './chat-room.js';
import { readRequestBody, sendError } from './http-util.js';
import type { ServerCounters } from './server-config.js';

/** Adds an already opened SSE response to the room. */
export function joinSseChat(room: ChatRoom, res: http.ServerResponse, counters: ServerCounters): void {
  const member = {
    deliver(lines: readonly string[]) {
      counters.messagesDelivered += lines.length;
      let events = '';
      for (const line of lines) events += `data: ${line}\n\n`;
      res.write(events);
    },
  };
  room.join(member);
  res.on('close', () => room.leave(member));
}

/** POST /chat: the body is one envelope line; answered 204 once it is queued for the room. */
export async function postSseChat(room: ChatRoom, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const line = (await readRequestBody(req)).trim();
  if (line === '' || line.includes('\n')) return sendError(res, 400, 'a chat post is one non-empty line (an envelope)');
  room.post(line);
  res.writeHead(204).end();
}

export function joinWsChat(room: ChatRoom, ws: WebSocket, counters: ServerCounters): void {
  const socket = (ws as unknown as { _socket: Socket })._socket;
  const member = {
    deliver(lines: readonly string[]) {
      counters.messagesDelivered += lines.length;
      socket.cork();
      for (const line of lines) ws.send(line);
      socket.uncork();
    },
  };
  room.join(member);
  ws.on('message', (data) => room.post(data.toString()));
  ws.on('close', () => room.leave(member));
}
