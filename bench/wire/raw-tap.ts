/**
 * Records every chunk a client socket reads, from its first byte (the response head) to its last:
 * the chunks are kept by reference, not copied, so the recording costs the measured client next to
 * nothing. The wire scenarios parse them afterwards.
 *
 * Why `push` and not a 'data' listener: after the upgrade, `ws` hands the bytes that came with the
 * 101 response back to the socket with `unshift`, so a 'data' listener sees them twice. `push` is
 * what the socket calls with each buffer read from the kernel, and `unshift` does not go through it.
 */
import type { Socket } from 'node:net';
import { PhaseError } from '../phase-error.js';

/** A tap to hand to a connection (OpenOptions.tapSocket), read once the connection is over. */
export interface RawTap {
  readonly tapSocket: (socket: Socket) => void;
  /** The tapped socket; throws if the connection never created one. */
  socket(): Socket;
  /** The socket's local port, kept from connect time (Node forgets it once the socket closes). */
  clientPort(): number;
  /** Every byte read, in order. */
  downBytes(): Buffer;
  /** Every byte handed to the socket's `write`, in order (HTTP/2's frames up; not a writev). */
  upBytes(): Buffer;
}

/** A fresh tap for one connection. */
export function createRawTap(): RawTap {
  const chunks: Buffer[] = [];
  const written: Buffer[] = [];
  let tapped: Socket | undefined;
  let localPort = -1;
  return {
    tapSocket(socket) {
      if (tapped !== undefined) throw new PhaseError('internal', 'a raw tap records one socket only');
      tapped = socket;
      const push = socket.push.bind(socket);
      socket.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (Buffer.isBuffer(chunk)) chunks.push(chunk);
        return push(chunk, encoding);
      };
      socket.once('connect', () => (localPort = socket.localPort ?? -1));
      socket.once('secureConnect', () => (localPort = socket.localPort ?? -1));
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (Buffer.isBuffer(chunk)) written.push(chunk);
        return write(chunk, ...rest);
      }) as typeof socket.write;
    },
    socket() {
      if (tapped === undefined) throw new PhaseError('internal', 'the connection created no socket to tap');
      return tapped;
    },
    clientPort: () => localPort,
    downBytes: () => Buffer.concat(chunks),
    upBytes: () => Buffer.concat(written),
  };
}
