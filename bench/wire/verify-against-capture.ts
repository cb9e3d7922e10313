/**
 * Runs a measured exchange under a packet capture and compares, connection by connection and in
 * both directions, the bytes the harness counted on its sockets with the TCP payload the capture
 * saw. A difference of zero everywhere is what makes the socket counts citable as "bytes on the
 * wire" (claims WS-3, SSE-6); anything else is reported, never rounded away.
 */
import { startCapture, type CaptureSummary } from './capture.js';
import { findConnectionsByClientPort, type ConnectionBytes } from './connection-bytes.js';

/** One connection as the harness counted it, from the client socket's counters at the end. */
export interface HarnessCounts {
  /** A name for the table, e.g. `ws` or `sse#3`. */
  label: string;
  /** The client socket's local port (record it while the socket is open: it is gone after close). */
  clientPort: number;
  /** Client→server bytes: the client socket's `bytesWritten`. */
  bytesUp: number;
  /** Server→client bytes: the client socket's `bytesRead`. */
  bytesDown: number;
  /** Under TLS: the application bytes inside the records, each way (the TLS socket's counters). */
  app?: { bytesUp: number; bytesDown: number };
}

/** Harness and capture side by side for one connection; diffs are capture − harness. */
export interface ConnectionCheck {
  label: string;
  clientPort: number;
  /** Captured connections with this client port: 1 is the only good answer. */
  capturedStreams: number;
  harnessBytesUp: number;
  captureBytesUp: number;
  diffBytesUp: number;
  harnessBytesDown: number;
  captureBytesDown: number;
  diffBytesDown: number;
  /** Bytes tshark flagged as retransmitted, both directions; reported apart, not compared. */
  retransmittedBytes: number;
  /** Under TLS: the application bytes, the harness's against the capture decrypted with the key log (capture − harness). */
  app?: {
    harnessBytesUp: number;
    captureBytesUp: number;
    diffBytesUp: number;
    harnessBytesDown: number;
    captureBytesDown: number;
    diffBytesDown: number;
  };
}

/** The verdict of one verified exchange. */
export interface VerifyReport {
  checks: ConnectionCheck[];
  /** Captured connections to the measured ports that no harness count claims: a blind spot. */
  unclaimedConnections: ConnectionBytes[];
  droppedPackets: number;
  /** True when every difference is zero, every count matched one connection and nothing was dropped or unclaimed. */
  ok: boolean;
  captureStartMs: number;
  captureStopMs: number;
  captureReadMs: number;
}

/**
 * Starts a capture on `ports`, runs `exchange` (which must finish all its traffic, closes included,
 * before resolving), stops the capture and compares. If the exchange throws, the capture is aborted
 * and the error passes through unchanged.
 */
export async function verifyAgainstCapture(
  ports: readonly number[],
  exchange: () => Promise<HarnessCounts[]>,
  keyLogFile?: string,
): Promise<VerifyReport> {
  const capture = await startCapture({ ports, ...(keyLogFile !== undefined ? { keyLogFile } : {}) });
  let counts: HarnessCounts[];
  try {
    counts = await exchange();
  } catch (error) {
    await capture.abort();
    throw error;
  }
  const summary = await capture.stop();
  return {
    ...compareWithCapture(counts, summary),
    captureStartMs: capture.startMs,
    captureStopMs: summary.stopMs,
    captureReadMs: summary.readMs,
  };
}

/** The comparison itself, without any capture running: pure, so it is tested on fixed data. */
export function compareWithCapture(
  counts: readonly HarnessCounts[],
  summary: Pick<CaptureSummary, 'connections' | 'droppedPackets'>,
): Pick<VerifyReport, 'checks' | 'unclaimedConnections' | 'droppedPackets' | 'ok'> {
  const checks = counts.map((count) =>
    checkConnection(count, findConnectionsByClientPort(summary.connections, count.clientPort)),
  );
  const claimedPorts = new Set(counts.map((count) => count.clientPort));
  const unclaimedConnections = summary.connections.filter((connection) => !claimedPorts.has(connection.clientPort));
  const appExact = (check: ConnectionCheck): boolean =>
    check.app === undefined || (check.app.diffBytesUp === 0 && check.app.diffBytesDown === 0);
  const everyCheckExact = checks.every(
    (check) => check.capturedStreams === 1 && check.diffBytesUp === 0 && check.diffBytesDown === 0 && appExact(check),
  );
  const ok = everyCheckExact && unclaimedConnections.length === 0 && summary.droppedPackets === 0;
  return { checks, unclaimedConnections, droppedPackets: summary.droppedPackets, ok };
}

function checkConnection(count: HarnessCounts, captured: readonly ConnectionBytes[]): ConnectionCheck {
  const sum = (pick: (connection: ConnectionBytes) => number): number =>
    captured.reduce((total, connection) => total + pick(connection), 0);
  const captureBytesUp = sum((connection) => connection.bytesToServer);
  const captureBytesDown = sum((connection) => connection.bytesFromServer);
  return {
    label: count.label,
    clientPort: count.clientPort,
    capturedStreams: captured.length,
    harnessBytesUp: count.bytesUp,
    captureBytesUp,
    diffBytesUp: captureBytesUp - count.bytesUp,
    harnessBytesDown: count.bytesDown,
    captureBytesDown,
    diffBytesDown: captureBytesDown - count.bytesDown,
    retransmittedBytes: sum(
      (connection) => connection.retransmittedBytesToServer + connection.retransmittedBytesFromServer,
    ),
    ...(count.app !== undefined ? { app: checkApplicationBytes(count.app, captured) } : {}),
  };
}

/** A TLS connection's application bytes against the decrypted capture; a capture without the key log decrypts nothing (all of it a difference). */
function checkApplicationBytes(
  harness: { bytesUp: number; bytesDown: number },
  captured: readonly ConnectionBytes[],
): NonNullable<ConnectionCheck['app']> {
  const captureBytesUp = captured.reduce((total, connection) => total + (connection.decrypted?.toServer ?? 0), 0);
  const captureBytesDown = captured.reduce((total, connection) => total + (connection.decrypted?.fromServer ?? 0), 0);
  return {
    harnessBytesUp: harness.bytesUp,
    captureBytesUp,
    diffBytesUp: captureBytesUp - harness.bytesUp,
    harnessBytesDown: harness.bytesDown,
    captureBytesDown,
    diffBytesDown: captureBytesDown - harness.bytesDown,
  };
}
