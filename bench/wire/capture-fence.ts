/**
 * A fence through a running packet capture: a random marker sent on a throw-away loopback
 * connection, then awaited in the capture file.
 *
 * Why: dumpcap reads packets from a kernel ring that hands them over in blocks, up to a timeout
 * later (hundreds of milliseconds were seen on loopback), and stopping it drops a block that was not
 * handed over yet. Neither dumpcap's "Capturing on" line nor its file header proves the filter is
 * attached, and no delay is long enough on a noisy machine. A marker found in the file proves both:
 * at start, that packets are being written; at stop, that every packet sent before the marker is
 * in the file too, because the kernel queues a connection's packets in the order it sends them and
 * the harness sent its traffic (and saw it arrive) before sending the marker.
 */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { PhaseError } from '../phase-error.js';

/** How often the capture file is checked for the marker: far below the kernel's block timeout. */
const POLL_INTERVAL_MS = 20;
/** How often a marker is sent again: only the start needs it, while the filter is not attached yet. */
const RESEND_INTERVAL_MS = 100;

/** A loopback listener whose port the capture filter includes, and the marker sender. */
export interface CaptureFence {
  /** The probe server's port; add it to the capture filter. Its traffic is not a measured connection. */
  readonly port: number;
  /**
   * Sends a fresh marker (again every 100 ms until seen) and resolves once `filePath` holds it.
   * Rejects with `timeout:<phase>` after `deadlineMs`, or with the signal's reason when aborted.
   */
  pass(filePath: string, phase: string, deadlineMs: number, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Opens the probe server on 127.0.0.1, port 0. */
export async function openCaptureFence(): Promise<CaptureFence> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // a probe reset by its sender is of no interest
    socket.resume();
    socket.on('end', () => socket.end());
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    pass: (filePath, phase, deadlineMs, signal) => passMarker({ port, filePath, phase, deadlineMs, signal }),
    close: () => closeServer(server, sockets),
  };
}

interface MarkerPass {
  port: number;
  filePath: string;
  phase: string;
  deadlineMs: number;
  signal: AbortSignal;
}

async function passMarker(pass: MarkerPass): Promise<void> {
  const marker = Buffer.from(`wire-fence-${randomBytes(12).toString('hex')}`);
  const scanner = createFileScanner(pass.filePath, marker);
  const deadline = performance.now() + pass.deadlineMs;
  let nextSendAt = 0;
  while (!(await scanner.found())) {
    pass.signal.throwIfAborted();
    const now = performance.now();
    if (now > deadline)
      throw new PhaseError(
        `timeout:${pass.phase}`,
        `capture fence: marker not seen in ${pass.filePath} within ${pass.deadlineMs} ms`,
      );
    if (now >= nextSendAt) {
      await sendMarker(pass.port, marker);
      nextSendAt = performance.now() + RESEND_INTERVAL_MS;
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Writes the marker on a new connection and waits for the connection to close cleanly. */
function sendMarker(port: number, marker: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', (err) =>
      reject(new PhaseError('internal', `capture fence: probe connection failed: ${err.message}`)),
    );
    socket.on('connect', () => socket.end(marker));
    socket.resume();
    socket.on('close', (hadError) => (hadError ? undefined : resolve()));
  });
}

/** Looks for `marker` in a growing file, reading only what was appended since the last look. */
function createFileScanner(filePath: string, marker: Buffer): { found(): Promise<boolean> } {
  let scannedBytes = 0;
  return {
    async found() {
      const handle = await open(filePath, 'r').catch(() => undefined); // not created yet: keep waiting
      if (!handle) return false;
      try {
        const sizeBytes = (await handle.stat()).size;
        // Back up by the marker's length so a marker split across two reads is still found.
        const fromByte = Math.max(0, scannedBytes - marker.length);
        if (sizeBytes <= fromByte) return false;
        const chunk = Buffer.alloc(sizeBytes - fromByte);
        await handle.read(chunk, 0, chunk.length, fromByte);
        scannedBytes = sizeBytes;
        return chunk.includes(marker);
      } finally {
        await handle.close();
      }
    },
  };
}

function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string')
        return reject(new PhaseError('internal', 'capture fence: no TCP address'));
      resolve(address.port);
    });
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function sleep(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}
