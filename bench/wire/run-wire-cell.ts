/**
 * Measures one repeat of a wire cell: a fresh server process, one wire client process running the
 * cell's job (a bounded stream, or upstream messages beside a busy stream), the server sampled
 * before and after. The server's socket counts are checked against the client's, both directions.
 */
import type { ServerSample } from '../../servers/main.js';
import { DEFAULT_STREAM_PARAMS } from '../../servers/stream-params.js';
import type { CellRunner } from '../families.js';
import { PhaseError } from '../phase-error.js';
import type { CellPlan } from '../plan.js';
import type { ServerProcess } from '../server-process.js';
import { withCellServer } from '../with-cell-server.js';
import { transportNamed } from '../../transports/registry.js';
import type { ClientSocketTotals } from './in-process-server.js';
import { describeStream, describeUpstream, type ServerSide } from './wire-cell-metrics.js';
import { runWireClientProcess } from './wire-client-process.js';
import type { WireJob, WireJobResult } from './wire-client-protocol.js';
import { type WireStreamParams, wireParamsOf } from './wire-params.js';
import { buildStreamUrl, describeCompressionSettings } from './wire-server-config.js';

/** Far above the second or two a cell takes on a busy 2-core machine. */
const CLIENT_DEADLINE_MS = 120_000;
/** How long the server may take to read the client's last bytes (a close frame) after the client is done. */
const SETTLE_DEADLINE_MS = 2000;
const SETTLE_POLL_MS = 20;

export const runWireCell: CellRunner = (cell, abort) =>
  withCellServer(
    cell,
    async ({ process: server, client: tlsClient, describe }) => {
      const before = await server.sample();
      const job = buildWireJob({ ...cell, client: tlsClient }, server.url);
      const result = await runWireClientProcess(job, CLIENT_DEADLINE_MS, abort);
      const client = sumClientSockets(result);
      const after = await sampleWhenSettled(server, client);
      const serverSide = compareServer(before, after, client);
      return {
        metrics: describeResult(cell, result, serverSide),
        histograms: selectHistograms(cell, result),
        errorCounts: result.probe === 'upstream' ? result.upstream.errorCounts : {},
        warnings: [],
        serverConfig: { ...describe(), ...describeNegotiation(cell, result) },
      };
    },
    {
      abort,
      ownServerOnly: `${cell.id}: the wire scenarios count both ends of every connection, so they measure their own servers, not --target`,
    },
  );

/** The cell's params as a job for the wire client. */
export function buildWireJob(cell: CellPlan, serverUrl: string): WireJob {
  const params = wireParamsOf(cell);
  if (params.probe === 'upstream') {
    const stream = { ...DEFAULT_STREAM_PARAMS, ...cell.scenario.stream };
    const downstream = {
      payloadBytes: stream.payloadBytes,
      kind: stream.kind,
      count: 0,
      ratePerSec: stream.ratePerSec,
    };
    const { method } = params;
    const streamUrl = buildStreamUrl(serverUrl, method === 'ws-frames' ? '/upstream' : '/stream', downstream);
    const postUrl = new URL('/upstream', serverUrl).href;
    return {
      probe: 'upstream',
      upstream: {
        method,
        streamUrl,
        postUrl,
        messages: params.messages,
        inFlight: params.inFlight,
        payloadBytes: params.size,
      },
    };
  }
  const { size: payloadBytes, kind, count: messages, ratePerSec } = params;
  const url = buildStreamUrl(serverUrl, '/stream', { payloadBytes, kind, count: messages, ratePerSec });
  return {
    probe: 'stream',
    stream: {
      transport: cell.transport,
      url,
      messages,
      compression: params.compression,
      parseJson: kind === 'json',
      ...(cell.client.tls ? { tls: cell.client.tls } : {}),
    },
  };
}

/** A bounded stream cell's params (the upstream cells have none of these). */
function streamParamsOf(cell: CellPlan): WireStreamParams {
  const params = wireParamsOf(cell);
  if (params.probe !== 'stream') throw new PhaseError('internal', `${cell.id} is an upstream cell, not a stream's`);
  return params;
}

/** Closed loop, a message's latency is the queue ahead of it: only paced streams and upstream runs keep theirs. */
function selectHistograms(cell: CellPlan, result: WireJobResult): Record<string, string> {
  if (result.probe === 'upstream') return result.upstream.histograms;
  return streamParamsOf(cell).ratePerSec > 0 ? result.stream.histograms : {};
}

function describeResult(cell: CellPlan, result: WireJobResult, server: ServerSide): Record<string, number> {
  if (result.probe === 'upstream') return describeUpstream(result.upstream, server);
  const params = streamParamsOf(cell);
  const shape = {
    family: transportNamed(cell.transport).family,
    payloadBytes: params.size,
    paced: params.ratePerSec > 0,
  };
  return describeStream(result.stream, shape, server);
}

/** What a compressed stream negotiated and with which settings; nothing for an uncompressed one. */
function describeNegotiation(cell: CellPlan, result: WireJobResult): Record<string, unknown> {
  if (result.probe !== 'stream' || !result.stream.bytes.compressed) return {};
  return { negotiated: result.stream.bytes.negotiated, compression: describeCompressionSettings(cell.server) };
}

/** What the client's sockets wrote and read, all connections together. */
function sumClientSockets(result: WireJobResult): ClientSocketTotals {
  if (result.probe === 'stream') {
    // Under TLS the server counts its TCP socket: compare with ours, records included.
    const { tls, bytes } = result.stream;
    return tls
      ? { bytesUp: tls.wireBytesUp, bytesDown: tls.wireBytesDown }
      : { bytesUp: bytes.socketBytesUp, bytesDown: bytes.socketBytesDown };
  }
  return result.upstream.connections.reduce(
    (total, connection) => ({
      bytesUp: total.bytesUp + connection.bytesUp,
      bytesDown: total.bytesDown + connection.bytesDown,
    }),
    { bytesUp: 0, bytesDown: 0 },
  );
}

/**
 * The client is done when it has seen its sockets close, but the server may not have read the last
 * bytes yet (the client's close frame): sample until both ends agree, or the deadline passes and the
 * difference is reported.
 */
async function sampleWhenSettled(server: ServerProcess, client: ClientSocketTotals): Promise<ServerSample> {
  const deadline = performance.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const sample = await server.sample();
    if (measureMismatchBytes(sample, client) === 0 || performance.now() > deadline) return sample;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

function measureMismatchBytes(sample: ServerSample, client: ClientSocketTotals): number {
  if (sample.socketBytesRead === undefined || sample.socketBytesWritten === undefined)
    throw new PhaseError('internal', 'the server does not report its socket byte counts');
  return Math.abs(sample.socketBytesRead - client.bytesUp) + Math.abs(sample.socketBytesWritten - client.bytesDown);
}

function compareServer(before: ServerSample, after: ServerSample, client: ClientSocketTotals): ServerSide {
  const cpuUs = after.cpuUserUs + after.cpuSystemUs - (before.cpuUserUs + before.cpuSystemUs);
  return { cpuUs, socketMismatchBytes: measureMismatchBytes(after, client) };
}
