/**
 * `ws-frames`: upstream messages as WS frames on the socket the downstream stream already uses
 * (the server's `/upstream` route streams and acknowledges at once). Bytes up per message come from
 * the socket's own counter over the upstream phase; ack bytes from the frames read back.
 */
import net from 'node:net';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { decodeUpstreamAck } from '../../servers/upstream-endpoints.js';
import { createReceiver, type MessageSink } from '../../clients/receiver.js';
import { nowNs } from '../../clients/clock.js';
import { Recorder } from '../../clients/recorder.js';
import { PhaseError } from '../phase-error.js';
import { openAckWindow, type AckWindow } from './ack-window.js';
import { waitForClose } from './loopback-server.js';
import { createRawTap, type RawTap } from './raw-tap.js';
import { summariseUpstream } from './upstream-summary.js';
import { makeUpstreamBody } from './upstream-body.js';
import type { UpstreamProbeJob, UpstreamProbeResult } from './upstream-probe.js';
import { attributeWsStream } from './ws-stream-bytes.js';
import { plainTransportOf, WS_FAMILY } from '../../transports/families.js';

/** Sends `job.messages` frames, `job.inFlight` at a time, and waits for every ack. */
export async function runWsUpstream(job: UpstreamProbeJob): Promise<UpstreamProbeResult> {
  const body = Buffer.from(makeUpstreamBody(job.payloadBytes));
  const tap = createRawTap();
  const recorders = { upstream: new Recorder(), downstream: new Recorder() };
  const ws = await openTappedSocket(job.streamUrl, tap);
  const socket = tap.socket();
  const handshakeBytesUp = socket.bytesWritten;
  for (const recorder of Object.values(recorders)) recorder.startMeasuring();
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  const window = openAckWindow(() => ws.send(body, { binary: false }), job.messages, job.inFlight);
  routeIncoming(ws, window, recorders, createReceiver(recorders.downstream, { parseJson: false }));
  const early = closedEarly(ws, window);
  early.catch(() => undefined); // our own close below also ends it; only a close before the last ack matters
  await Promise.race([window.done, early]);
  const cpu = process.cpuUsage(cpuStart);
  const durationMs = performance.now() - startedAt;
  for (const recorder of Object.values(recorders)) recorder.stopMeasuring();
  const upstreamBytesUp = socket.bytesWritten - handshakeBytesUp;
  ws.close(1000);
  await waitForClose(socket);
  const bytes = await attributeWsStream({
    down: tap.downBytes(),
    socketBytesDown: socket.bytesRead,
    socketBytesUp: socket.bytesWritten,
    handshakeBytesUp,
    upstreamBytesUp,
  });
  return summariseUpstream({
    job,
    bodyBytes: body.length,
    acknowledged: bytes.acks,
    upstreamBytesUp,
    ackBytesDown: bytes.ackBytesDown,
    durationMs,
    clientCpuUs: cpu.user + cpu.system,
    recorders,
    connections: [
      {
        label: plainTransportOf(WS_FAMILY),
        clientPort: tap.clientPort(),
        bytesUp: socket.bytesWritten,
        bytesDown: socket.bytesRead,
      },
    ],
    errorCounts: {},
  });
}

async function openTappedSocket(url: string, tap: RawTap): Promise<WebSocket> {
  const createConnection = (options: net.NetConnectOpts): net.Socket => {
    const socket = net.connect(options);
    socket.setNoDelay(true);
    tap.tapSocket(socket);
    return socket;
  };
  const ws = new WebSocket(url, { perMessageDeflate: false, createConnection: createConnection as never });
  const failed = once(ws, 'error').then(([error]) => {
    throw new PhaseError('connect', `ws upstream: ${(error as Error).message}`);
  });
  await Promise.race([once(ws, 'open'), failed]);
  failed.catch(() => undefined);
  // After open, an error always ends in 'close', which closedEarly reports with its code.
  ws.on('error', () => undefined);
  return ws;
}

/** Acks time the upstream; everything else is the downstream stream, checked and timed as usual. */
function routeIncoming(
  ws: WebSocket,
  window: AckWindow,
  recorders: { upstream: Recorder },
  downstream: MessageSink,
): void {
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const receivedNs = nowNs();
    if (isBinary) return downstream.onBinary(data, receivedNs);
    const text = data.toString();
    if (decodeUpstreamAck(text) !== undefined) recorders.upstream.record('latency_us', window.onAck());
    else downstream.onText(text, receivedNs);
  });
}

/** The socket closed (the server refused a frame, say) before every message was acknowledged. */
async function closedEarly(ws: WebSocket, window: AckWindow): Promise<never> {
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  throw new PhaseError(
    `close:${code}`,
    `ws upstream closed after ${window.acknowledged()} of ${window.sent()} acks: ${reason.toString()}`,
  );
}
