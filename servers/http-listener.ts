/**
 * The HTTP layer a server listens with: HTTP/1.1 in clear, HTTP/1.1 over TLS, or HTTP/2 over TLS
 * (node:http2's compatibility API, so one request handler serves all three). The SSE and WS servers
 * take one of these from their transport instead of knowing which they run on.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import type { TlsFiles } from './tls-files.js';

export type HttpLayer = 'http1' | 'https1' | 'h2';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface HttpListener {
  server: net.Server;
  /** `http` or `https`: the scheme of the URL a client opens (ws/wss follow from it). */
  secure: boolean;
  /** Ends every open connection (HTTP/2 sessions included), so close() does not wait on streams. */
  closeAllConnections(): void;
}

function tlsOptions(files: TlsFiles): tls.TlsOptions {
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
}

/** Appends each TLS session's secrets to the key-log file, one NSS key-log line at a time. */
function logKeys(server: net.Server, keyLogFile: string | undefined): void {
  if (keyLogFile !== undefined) server.on('keylog', (line: Buffer) => appendFileSync(keyLogFile, line));
}

export function createHttpListener(
  layer: HttpLayer,
  tlsFiles: TlsFiles | undefined,
  handler: RequestHandler,
): HttpListener {
  if (layer === 'http1') {
    const server = http.createServer({ noDelay: true }, handler);
    return { server, secure: false, closeAllConnections: () => server.closeAllConnections() };
  }
  if (tlsFiles === undefined) throw new Error(`the ${layer} layer needs a certificate and key`);
  if (layer === 'https1') {
    const server = https.createServer({ ...tlsOptions(tlsFiles), noDelay: true }, handler);
    logKeys(server, tlsFiles.keyLogFile);
    return { server, secure: true, closeAllConnections: () => server.closeAllConnections() };
  }
  const server = http2.createSecureServer({ ...tlsOptions(tlsFiles), allowHTTP1: false }, handler as never);
  logKeys(server, tlsFiles.keyLogFile);
  const sessions = new Set<http2.ServerHttp2Session>();
  // The TCP socket, before TLS and HTTP/2 take it over (a session's socket may not be touched).
  server.on('connection', (socket: net.Socket) => socket.setNoDelay(true));
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return { server, secure: true, closeAllConnections: () => sessions.forEach((session) => session.destroy()) };
}
