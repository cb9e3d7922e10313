/**
 * The machine's own floor: one Node process writes a fixed 64-byte message to each of N loopback
 * TCP connections from another on a schedule kept by the precise wait, stamping each with the moment
 * of its write; the other reads and times each message from that stamp. Rate and connection count
 * are the measured cell's, so the comparison is of the same load shape with and without the harness. No envelope, no framing beyond the fixed size, no
 * integrity checks, no HTTP: what is left is the kernel, the event loop and the clock. The tcp-floor
 * cell's service latency is compared with it to show what the harness's own floor adds.
 *
 * Run as a child of the runner: `writer` listens on a free loopback port and reports it; `reader`
 * connects, discards the warm-up, records a window and reports an encoded HDR histogram (µs).
 */
import net from 'node:net';
import { EXIT } from '../../cli/exit-codes.js';
import { createHistogram, encodeHistogram } from '../../clients/recorder.js';
import { callAt } from '../../servers/precise-wait.js';

export const PROBE_MESSAGE_BYTES = 64;

export type ProbeRequest =
  | { role: 'writer'; ratePerSec: number }
  | { role: 'reader'; port: number; connections: number; warmupMs: number; durationMs: number };
export type ProbeReport =
  | { type: 'listening'; port: number }
  | { type: 'result'; histogram: string; messages: number }
  | { type: 'error'; message: string };

function report(message: ProbeReport): void {
  process.send?.(message);
}

/** One schedule for every connection, as the publisher has: each tick writes the message to all of them. */
function runWriter(ratePerSec: number): void {
  const intervalNs = BigInt(Math.round(1e9 / ratePerSec));
  const sockets = new Set<net.Socket>();
  let dueNs = 0n;
  const writeAll = () => {
    if (sockets.size === 0) return;
    const message = Buffer.alloc(PROBE_MESSAGE_BYTES, 0x78);
    message.writeBigUInt64LE(process.hrtime.bigint(), 0);
    for (const socket of sockets) socket.write(message);
    dueNs += intervalNs;
    callAt(dueNs, 'precise', writeAll);
  };
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    sockets.add(socket);
    if (sockets.size === 1) {
      dueNs = process.hrtime.bigint() + intervalNs;
      callAt(dueNs, 'precise', writeAll);
    }
  });
  server.listen(0, '127.0.0.1', () => report({ type: 'listening', port: (server.address() as net.AddressInfo).port }));
}

function runReader(port: number, connections: number, warmupMs: number, durationMs: number): void {
  const histogram = createHistogram();
  let measuring = false;
  let messages = 0;
  const sockets = Array.from({ length: connections }, () =>
    openReader(
      port,
      histogram,
      () => measuring,
      () => messages++,
    ),
  );
  setTimeout(() => (measuring = true), warmupMs);
  setTimeout(() => {
    measuring = false;
    for (const socket of sockets) socket.destroy();
    report({ type: 'result', histogram: encodeHistogram(histogram), messages });
  }, warmupMs + durationMs);
}

function openReader(
  port: number,
  histogram: ReturnType<typeof createHistogram>,
  isMeasuring: () => boolean,
  count: () => void,
): net.Socket {
  let pending: Buffer = Buffer.alloc(0);
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  socket.on('error', (err) => report({ type: 'error', message: err.message }));
  socket.on('data', (chunk: Buffer) => {
    const receivedNs = process.hrtime.bigint();
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let at = 0;
    for (; at + PROBE_MESSAGE_BYTES <= pending.length; at += PROBE_MESSAGE_BYTES) {
      if (!isMeasuring()) continue;
      count();
      histogram.recordValue(Math.max(0, Math.round(Number(receivedNs - pending.readBigUInt64LE(at)) / 1000)));
    }
    pending = pending.subarray(at);
  });
  return socket;
}

process.once('message', (request: ProbeRequest) => {
  if (request.role === 'writer') runWriter(request.ratePerSec);
  else runReader(request.port, request.connections, request.warmupMs, request.durationMs);
});
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') process.exit(EXIT.ok);
});
