/** Small HTTP helpers the SSE and WS servers share. */
import type http from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { ServerCounters } from './server-config.js';
import type { SocketBytesTotal } from './socket-tally.js';

/** What every started server hands back to its caller (the CLI, the runner, a test). */
export interface RunningServer {
  port: number;
  /** The URL a client connects to: for SSE the stream's own URL, for WS the ws:// URL. */
  url: string;
  counters: ServerCounters;
  messagesPublished(): number;
  /** Bytes read and written by every socket the server accepted (absent where not counted). */
  socketBytes?(): SocketBytesTotal;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export function readRequestBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) reject(new RangeError(`request body over ${MAX_BODY_BYTES} bytes`));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export function sendError(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

/** IPv6 literals need brackets inside a URL. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens and resolves with the port actually bound (the OS's choice for port 0). */
export async function listenOn(server: NetServer, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
