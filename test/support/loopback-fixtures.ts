/**
 * Tiny loopback servers and a recording client, for known-answer tests of the fault proxy (and of
 * anything else that needs "a server that echoes" or "a server that sends exactly these bytes").
 * Every fixture listens on 127.0.0.1 port 0 and its close() ends every socket and timer it made.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  /** Destroys open sockets and stops listening; resolves when the listener is closed. */
  close(): Promise<void>;
}

/** How a recorded connection ended. */
export interface Recording {
  chunks: Buffer[];
  /** 'end' = the peer's FIN arrived; 'error' = the socket failed (see errorCode). */
  endedBy: 'end' | 'error' | 'close';
  errorCode: string | undefined;
}

async function listenOnLoopback(
  server: Server,
  sockets: Set<Socket>,
  onClose: () => void = () => undefined,
): Promise<LoopbackServer> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Peers are reset on purpose by the proxy; the fixture only needs to stop, not to report.
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('loopback fixture: no TCP address');
  return {
    port: address.port,
    close: () => {
      onClose();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Echoes every byte back on the same connection. */
export function startEchoServer(): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  return listenOnLoopback(
    createServer((socket) => socket.pipe(socket)),
    sockets,
  );
}

/** Writes `payload` in one write to each client, then ends the stream or holds it open. */
export function startPayloadServer(payload: Buffer, then: 'end' | 'hold'): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    if (then === 'end') socket.end(payload);
    else socket.write(payload);
  });
  return listenOnLoopback(server, sockets);
}

/** Writes `tickBytes` every `intervalMs` to each client until it goes away (a live stream). */
export function startTickerServer(intervalMs: number, tickBytes: number): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((socket) => {
    const timer = setInterval(() => socket.write(Buffer.alloc(tickBytes, 0x2e)), intervalMs);
    timers.add(timer);
    socket.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  return listenOnLoopback(server, sockets, () => timers.forEach((timer) => clearInterval(timer)));
}

/** Connects to 127.0.0.1:port; resolves once connected. */
export function connectLoopback(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Records every chunk as it is read (its boundaries included) until the socket closes. */
export function recordUntilClosed(socket: Socket): Promise<Recording> {
  const chunks: Buffer[] = [];
  let endedBy: Recording['endedBy'] = 'close';
  let errorCode: string | undefined;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => (endedBy = 'end'));
  socket.on('error', (error: Error & { code?: string }) => {
    endedBy = 'error';
    errorCode = error.code;
  });
  return new Promise((resolve) => socket.once('close', () => resolve({ chunks, endedBy, errorCode })));
}

/** Bytes in a deterministic pseudo-random pattern, so any changed byte is visible. */
export function patternBytes(length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let state = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}
