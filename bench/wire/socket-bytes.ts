/**
 * Byte counts taken from the socket itself (Node's `bytesRead` / `bytesWritten`), which are the
 * TCP payload bytes the process exchanged: the figure a packet capture must match. Snapshots at
 * phase boundaries split a connection into set-up (TCP + HTTP request/response head or WS upgrade)
 * and stream (events or frames) without parsing anything.
 */
import type { Socket } from 'node:net';

/** Cumulative bytes a socket had read and written at one instant. */
export interface SocketBytes {
  bytesRead: number;
  bytesWritten: number;
}

/** Which end of the connection a snapshot was taken on, so "read" maps to up or down. */
export type SocketSide = 'client' | 'server';

/** A connection's bytes by phase and direction; up is client→server, down is server→client. */
export interface SetupAndStreamBytes {
  setupBytesUp: number;
  setupBytesDown: number;
  streamBytesUp: number;
  streamBytesDown: number;
}

/** The socket's counters now. `bytesWritten` includes bytes still queued in Node, not yet sent. */
export function snapshotSocketBytes(socket: Socket): SocketBytes {
  return { bytesRead: socket.bytesRead, bytesWritten: socket.bytesWritten };
}

/** The bytes moved between two snapshots of the same socket. */
export function diffSocketBytes(earlier: SocketBytes, later: SocketBytes): SocketBytes {
  const bytesRead = later.bytesRead - earlier.bytesRead;
  const bytesWritten = later.bytesWritten - earlier.bytesWritten;
  if (bytesRead < 0 || bytesWritten < 0) throw new RangeError('snapshots are out of order: counters only grow');
  return { bytesRead, bytesWritten };
}

/**
 * Splits a connection's bytes at the end of set-up. `afterSetup` must be taken when the handshake
 * is complete and before any stream byte arrived (e.g. on a WS client's `open`, before the server
 * sends a frame), otherwise early stream bytes count as set-up. Snapshots start at zero for a
 * fresh socket, so a connection's set-up is simply `afterSetup`.
 */
export function splitSetupAndStream(
  afterSetup: SocketBytes,
  atEnd: SocketBytes,
  side: SocketSide,
): SetupAndStreamBytes {
  const stream = diffSocketBytes(afterSetup, atEnd);
  const setup = toUpDown(afterSetup, side);
  const streamUpDown = toUpDown(stream, side);
  return {
    setupBytesUp: setup.up,
    setupBytesDown: setup.down,
    streamBytesUp: streamUpDown.up,
    streamBytesDown: streamUpDown.down,
  };
}

/** A client writes upstream and reads downstream; a server the other way round. */
function toUpDown(bytes: SocketBytes, side: SocketSide): { up: number; down: number } {
  return side === 'client'
    ? { up: bytes.bytesWritten, down: bytes.bytesRead }
    : { up: bytes.bytesRead, down: bytes.bytesWritten };
}
