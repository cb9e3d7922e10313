/**
 * `sse-post`: the usual SSE answer to "the client has something to say", one HTTP POST per message
 * on keep-alive connections beside the open event stream, driven at load by autocannon (as many
 * connections as messages in flight, one request outstanding on each). Bytes come from every socket
 * autocannon opened: request heads travel with every message here, and the 204 answers come back.
 */
import type { Socket } from 'node:net';
import autocannon from 'autocannon';
import { createReceiver } from '../../clients/receiver.js';
import { Recorder } from '../../clients/recorder.js';
import { openSseConnection } from '../../clients/sse-connection.js';
import type { ConnectionError } from '../../clients/connection.js';
import { PhaseError } from '../phase-error.js';
import type { ErrorCategory } from '../results.js';
import { waitForClose } from './loopback-server.js';
import { createRawTap } from './raw-tap.js';
import { makeUpstreamBody } from './upstream-body.js';
import type { ProbeConnection, UpstreamProbeJob, UpstreamProbeResult } from './upstream-probe.js';
import { summariseUpstream } from './upstream-summary.js';

/** The POSTs' Content-Type: the body is one envelope line. */
export const UPSTREAM_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Seconds autocannon waits for one response before counting a timeout. */
const REQUEST_TIMEOUT_SEC = 10;
/**
 * autocannon ends a run at its next sampling tick (1 s by default) after the last response; a short
 * tick ends it soon after. The probe's own clock stops at the last response, not at the tick.
 */
const SAMPLE_INTERVAL_MS = 20;

/** Opens the stream, POSTs `job.messages` bodies with autocannon, then closes the stream. */
export async function runPostUpstream(job: UpstreamProbeJob): Promise<UpstreamProbeResult> {
  const body = makeUpstreamBody(job.payloadBytes);
  const recorders = { upstream: new Recorder(), downstream: new Recorder() };
  const tap = createRawTap();
  const stream = openSseConnection({
    url: new URL(job.streamUrl),
    sink: createReceiver(recorders.downstream, { parseJson: false }),
    tapSocket: tap.tapSocket,
  });
  await stream.opened.catch((error: ConnectionError) => {
    throw new PhaseError(error.category as ErrorCategory, `sse-post downstream: ${error.message}`);
  });
  for (const recorder of Object.values(recorders)) recorder.startMeasuring();
  const posts = await postAll(job, body, recorders).catch((error: unknown) => {
    stream.close(); // a failed run leaves no stream open behind it
    throw error;
  });
  const downstream = tap.socket();
  await leaveStream(downstream);
  return summariseUpstream({
    job,
    bodyBytes: Buffer.byteLength(body),
    acknowledged: posts.acknowledged,
    upstreamBytesUp: sumOver(posts.sockets, (socket) => socket.bytesWritten),
    ackBytesDown: sumOver(posts.sockets, (socket) => socket.bytesRead),
    durationMs: posts.durationMs,
    clientCpuUs: posts.clientCpuUs,
    recorders,
    connections: [
      {
        label: 'sse stream',
        clientPort: tap.clientPort(),
        bytesUp: downstream.bytesWritten,
        bytesDown: downstream.bytesRead,
      },
      ...posts.connections,
    ],
    errorCounts: posts.errorCounts,
  });
}

/**
 * An SSE client can only leave a stream by closing the connection. Destroying it would drop the
 * events in flight, which the server counted as written but the client never read; half-closing
 * instead lets the server end the response (it ends a connection whose client has finished
 * sending) while the client reads every byte up to the server's FIN.
 */
async function leaveStream(socket: Socket): Promise<void> {
  socket.end();
  await waitForClose(socket);
}

/** What autocannon's run left: the sockets it used and how the requests fared. */
interface PostRun {
  acknowledged: number;
  /** From the start to the last response, and the client CPU meanwhile. */
  durationMs: number;
  clientCpuUs: number;
  sockets: Socket[];
  connections: ProbeConnection[];
  errorCounts: Record<string, number>;
}

/** autocannon's client (untyped here): emits 'request' before each write and keeps its socket as `conn`, replaced on reconnect. */
type CannonClient = NodeJS.EventEmitter & { conn: Socket };

async function postAll(
  job: UpstreamProbeJob,
  body: string,
  recorders: { upstream: Recorder; downstream: Recorder },
): Promise<PostRun> {
  const ports = new Map<Socket, number>();
  // Every socket any client used, caught at its first request: reconnects included.
  const setupClient = (client: autocannon.Client): void => {
    const cannon = client as unknown as CannonClient;
    cannon.on('request', () => {
      const socket = cannon.conn;
      if (ports.has(socket)) return;
      ports.set(socket, -1);
      socket.once('connect', () => ports.set(socket, socket.localPort ?? -1));
    });
  };
  const options: autocannon.Options = {
    url: job.postUrl,
    method: 'POST',
    body,
    headers: { 'content-type': UPSTREAM_CONTENT_TYPE },
    connections: job.inFlight,
    amount: job.messages,
    timeout: REQUEST_TIMEOUT_SEC,
    sampleInt: SAMPLE_INTERVAL_MS,
    setupClient,
  };
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  const last = { responses: 0, durationMs: 0, cpu: { user: 0, system: 0 } };
  const result = await runAutocannon(options, (statusCode, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) recorders.upstream.record('latency_us', responseTimeMs * 1000);
    last.responses += 1;
    if (last.responses < job.messages) return;
    last.durationMs = performance.now() - startedAt;
    last.cpu = process.cpuUsage(cpuStart);
    for (const recorder of Object.values(recorders)) recorder.stopMeasuring();
  });
  const sockets = [...ports.keys()];
  await Promise.all(sockets.map((socket) => waitForClose(socket)));
  return {
    acknowledged: result['2xx'],
    durationMs: last.durationMs,
    clientCpuUs: last.cpu.user + last.cpu.system,
    sockets,
    connections: sockets.map((socket, index) => ({
      label: `post#${index + 1}`,
      clientPort: ports.get(socket) ?? -1,
      bytesUp: socket.bytesWritten,
      bytesDown: socket.bytesRead,
    })),
    errorCounts: describeFailures(result),
  };
}

/** autocannon with a per-response hook; resolves with its result, rejects on its error. */
function runAutocannon(
  options: autocannon.Options,
  onResponse: (statusCode: number, responseTimeMs: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result: autocannon.Result) =>
      error ? reject(new PhaseError('connect', `autocannon: ${error.message}`)) : resolve(result),
    );
    instance.on(
      'response',
      (_client: autocannon.Client, statusCode: number, _resBytes: number, responseTimeMs: number) =>
        onResponse(statusCode, responseTimeMs),
    );
  });
}

function describeFailures(result: autocannon.Result): Record<string, number> {
  const counts: Record<string, number> = {};
  if (result.non2xx > 0) counts['http-status'] = result.non2xx;
  if (result.errors > 0) counts['connect'] = result.errors;
  if (result.timeouts > 0) counts['timeout:upstream'] = result.timeouts;
  return counts;
}

function sumOver(sockets: readonly Socket[], count: (socket: Socket) => number): number {
  return sockets.reduce((total, socket) => total + count(socket), 0);
}
