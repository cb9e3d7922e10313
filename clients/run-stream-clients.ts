/**
 * Stream mode's part of the client lifecycle (clients/client-lifecycle.ts): opens the connections
 * (bounded concurrency, an optional ramp, a cold connection first), counts their bytes at the
 * window's edges, closes them with a grace and names the figures. Integrity is checked on every
 * message of every phase; timings only inside the window.
 */
import type * as hdr from 'hdr-histogram-js';
import { ClientRunError, type ClientRunner, gateOf, runClientLifecycle, sleep } from './client-lifecycle.js';
import type { ClientRunConfig } from './client-protocol.js';
import type { Connection, ConnectionError } from './connection.js';
import { openConnection, prepareTransport } from './open-connection.js';
import { createBareSink, createReceiver, type MessageSink } from './receiver.js';
import { createHistogram, Recorder } from './recorder.js';
import { summariseClientRun, type WindowBytes } from './summarise.js';

interface OpenedConnection {
  connection: Connection;
  ended: Promise<void>;
}

/** Wraps a sink to timestamp the first message and to notice the end marker. */
function observeSink(sink: MessageSink, onFirst: () => void, onEnd: () => void): MessageSink {
  let first = true;
  const seen = () => {
    if (first) {
      first = false;
      onFirst();
    }
  };
  return {
    onText: (text, ns) => (seen(), sink.onText(text, ns)),
    onBinary: (frame, ns) => (seen(), sink.onBinary(frame, ns)),
    onEnd: (lastSeq) => (sink.onEnd(lastSeq), onEnd()),
    get lastSeq() {
      return sink.lastSeq;
    },
  };
}

function sumBytes(connections: OpenedConnection[]): Required<WindowBytes> {
  const total = { down: 0, up: 0, handshakeDown: 0, handshakeUp: 0, appDown: 0, appUp: 0 };
  for (const { connection } of connections) {
    const b = connection.bytes();
    total.down += b.read;
    total.up += b.written;
    total.appDown += b.appRead ?? b.read;
    total.appUp += b.appWritten ?? b.written;
    total.handshakeDown += b.handshakeDown;
    total.handshakeUp += b.handshakeUp;
  }
  return total;
}

/** A stream id no measured cell uses: the warm-up connection's own one-message stream. */
const WARMUP_STREAM_ID = 0xffff_fff0;
const WARMUP_CONNECTION_TIMEOUT_MS = 5000;

/**
 * Opens one connection to a separate one-message stream and closes it, before any connection that
 * counts: it loads the connection modules, JIT-compiles the handshake and receive paths and warms
 * the server's accept path, so `connect_*` and `first_message_*` time the handshake of warm
 * processes, not a cold start. Its own connect time is kept apart as `connect_cold_us`.
 */
async function openWarmupConnection(config: ClientRunConfig, url: URL, coldConnect: hdr.Histogram): Promise<void> {
  const warmupUrl = new URL(url.href);
  warmupUrl.searchParams.set('stream', String(WARMUP_STREAM_ID));
  warmupUrl.searchParams.set('count', '1');
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const sink: MessageSink = { onText: done, onBinary: done, onEnd: done, lastSeq: undefined };
  const startNs = process.hrtime.bigint();
  const connection = await openConnection(
    config.transport,
    warmupUrl,
    sink,
    config.perMessageDeflate,
    undefined,
    config.tls,
  );
  connection.closed.then(done);
  try {
    await connection.opened;
    coldConnect.recordValue(Math.round(Number(process.hrtime.bigint() - startNs) / 1000));
    await Promise.race([finished, sleep(WARMUP_CONNECTION_TIMEOUT_MS)]);
  } catch {
    // A server that refuses it refuses the measured connections too, and they report why.
  } finally {
    connection.close();
    await Promise.race([connection.closed, sleep(1000)]);
  }
}

/** Waits until the i-th connection of a ramp at `ratePerSec` is due, counted from `startMs`. */
async function awaitRampSlot(index: number, ratePerSec: number | undefined, startMs: number): Promise<void> {
  if (ratePerSec === undefined || ratePerSec <= 0) return;
  const dueMs = startMs + (index * 1000) / ratePerSec - performance.now();
  if (dueMs > 0) await sleep(dueMs);
}

/** A full GC when the runner started this process with --expose-gc, so heap figures are not noise. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** This process's memory growth per connection opened, in KiB. */
function memoryPerConnection(before: NodeJS.MemoryUsage, connections: number): Record<string, number> {
  if (connections === 0) return {};
  collectGarbage();
  const after = process.memoryUsage();
  return {
    client_rss_kib_per_conn: (after.rss - before.rss) / 1024 / connections,
    client_heap_kib_per_conn: (after.heapUsed - before.heapUsed) / 1024 / connections,
  };
}

/** Stream mode: every connection reads one stream; `untilEnd` ends the window at the streams' end markers. */
export const runStreamClients: ClientRunner = async (config, onPhase, stopSignal, startGate) => {
  const recorder = new Recorder();
  const setup = new Map<string, hdr.Histogram>([
    ['connect_us', createHistogram()],
    ['first_message_us', createHistogram()],
    ['connect_cold_us', createHistogram()],
  ]);
  const errorCounts: Record<string, number> = {};
  // Closing our own connections at the end is not an error of the transport.
  let closing = false;
  const countError = (error: ConnectionError | undefined) => {
    if (error !== undefined && !closing) errorCounts[error.category] = (errorCounts[error.category] ?? 0) + 1;
  };
  const url = new URL(config.url);
  const open: OpenedConnection[] = [];
  let connectAllMs = 0;
  let memory: Record<string, number> = {};
  let before = sumBytes(open);
  let after = before;

  const openOne = async (): Promise<void> => {
    const startNs = process.hrtime.bigint();
    const sinceStartUs = () => Number(process.hrtime.bigint() - startNs) / 1000;
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const base = config.mode === 'bare' ? createBareSink(recorder) : createReceiver(recorder, { parseJson: true });
    const sink = observeSink(
      base,
      () => setup.get('first_message_us')!.recordValue(Math.round(sinceStartUs())),
      markEnded,
    );
    const connection = await openConnection(
      config.transport,
      url,
      sink,
      config.perMessageDeflate,
      undefined,
      config.tls,
    );
    connection.closed.then((error) => (countError(error), markEnded()));
    await connection.opened;
    setup.get('connect_us')!.recordValue(Math.round(sinceStartUs()));
    open.push({ connection, ended });
  };

  const connect = async (): Promise<void> => {
    await prepareTransport(config.transport);
    // A bounded stream (untilEnd) is left alone: its cells count bytes and messages, not connect times.
    if (!config.untilEnd) await openWarmupConnection(config, url, setup.get('connect_cold_us')!);
    let firstError: ConnectionError | undefined;
    if (config.measureMemory) collectGarbage();
    const memoryBefore = process.memoryUsage();
    const connectStartMs = performance.now();
    for (let i = 0; i < config.connections; i += config.connectConcurrency) {
      await awaitRampSlot(i, config.connectRatePerSec, connectStartMs);
      const batch = Array.from({ length: Math.min(config.connectConcurrency, config.connections - i) }, openOne);
      for (const outcome of await Promise.allSettled(batch)) {
        if (outcome.status === 'rejected') firstError ??= outcome.reason as ConnectionError;
      }
      if (stopSignal.aborted) break;
    }
    if (open.length === 0) {
      const error = firstError ?? { category: 'connect', message: 'no connection opened' };
      throw new ClientRunError(error.category, `${error.message} (${url.href})`);
    }
    if (firstError !== undefined) countError(firstError);
    connectAllMs = performance.now() - connectStartMs;
    if (config.measureMemory) memory = memoryPerConnection(memoryBefore, open.length);
  };

  return runClientLifecycle(
    { ...config, recorder, onPhase, stopSignal, startGate: gateOf(config, startGate) },
    {
      connect,
      ...(config.untilEnd ? { ended: () => Promise.all(open.map((c) => c.ended)) } : {}),
      windowOpened: () => (before = sumBytes(open)),
      windowClosed: () => (after = sumBytes(open)),
      close: async () => {
        closing = true;
        for (const { connection } of open) connection.close();
        await Promise.race([Promise.all(open.map((c) => c.connection.closed)), sleep(2000)]);
      },
      summarise: (window) => {
        const result = summariseClientRun({
          recorder,
          setupHistograms: setup,
          connections: open.length,
          windowMs: window.ms,
          bytes: {
            down: after.down - before.down,
            up: after.up - before.up,
            appDown: after.appDown - before.appDown,
            appUp: after.appUp - before.appUp,
            handshakeDown: after.handshakeDown / open.length,
            handshakeUp: after.handshakeUp / open.length,
          },
          usage: window.usage,
          errorCounts,
        });
        Object.assign(result.metrics, { connect_all_ms: connectAllMs }, memory);
        return result;
      },
    },
  );
};
