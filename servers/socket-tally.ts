/**
 * The server's own count of the bytes its sockets read and wrote, every connection it accepted
 * included (open or closed). The wire scenarios check it against the client's count of the same
 * connections: both ends of every byte, counted at the socket, must agree exactly.
 */
import type { Server, Socket } from 'node:net';

/** Cumulative socket bytes of all connections a server accepted. */
export interface SocketBytesTotal {
  bytesRead: number;
  bytesWritten: number;
}

/** Starts counting; the returned function reads the totals at any moment. */
export function tallySocketBytes(server: Server): () => SocketBytesTotal {
  const open = new Set<Socket>();
  const closed: SocketBytesTotal = { bytesRead: 0, bytesWritten: 0 };
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      // A closed socket's counters are final; keep them, drop the socket.
      closed.bytesRead += socket.bytesRead;
      closed.bytesWritten += socket.bytesWritten;
      open.delete(socket);
    });
  });
  return () => {
    const total = { ...closed };
    for (const socket of open) {
      total.bytesRead += socket.bytesRead;
      total.bytesWritten += socket.bytesWritten;
    }
    return total;
  };
}
