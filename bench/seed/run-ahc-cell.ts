/**
 * SSE-8 on the real library: the article's async-http-client 2.12.3 AsyncHandler reads a fast stream
 * and counts, per body part, whether it held one whole event, a fragment (split) or several (run
 * together), beside a spec parser fed the same bytes. Against Spring's SseEmitter (which flushes each
 * event in three writes), against our Node server (which writes a batch of events in one write), and
 * against Spring through the fault proxy cutting the stream into 1-byte pieces.
 */
import { startFaultProxy } from '../faults/fault-proxy.js';
import type { MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { SSE_FAMILY, plainTransportOf } from '../../transports/families.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { withStartedServer } from '../with-cell-server.js';
import { startJavaServer, type JavaServerProcess } from './java-server-process.js';
import type { SeedCell } from './seed-scenarios.js';
import { runAhcClient, type AhcResult } from './seed-clients.js';

/** Fast: 2,000 events at 10,000/s. Sliced: every byte its own piece, 1 ms apart, so fewer events. */
const FAST = { ratePerSec: 10_000, count: 2000 };
const SLICED = { ratePerSec: 100, count: 20 };

function ahcMetrics(result: AhcResult, sent: number): Record<string, number> {
  return {
    ahc_events_sent: sent,
    ahc_body_parts: result.bodyParts,
    ahc_parts_one_event: result.partsOneEvent,
    ahc_parts_fragment: result.partsFragment,
    ahc_parts_many_events: result.partsManyEvents,
    ahc_events_split: Math.min(result.eventsSplit, sent),
    ahc_article_messages_ok: result.articleMessagesOk,
    ahc_article_lost_or_mangled: sent - result.articleMessagesOk,
    ahc_spec_events: result.specEvents,
    ahc_spec_lost: sent - result.specChecksumOk,
    ahc_spec_corrupted: result.specChecksumBad,
    ahc_end_marker: result.endSeen ? 1 : 0,
    latency_p50_us: result.latencyP50Us,
    latency_p99_us: result.latencyP99Us,
  };
}

export function runAhcCell(cell: CellPlan, seed: SeedCell, abort: AbortSignal): Promise<MeasuredRun> {
  const { server: which, sliced } = seed.ahc!;
  const shape = sliced ? SLICED : FAST;
  const query = `rate=${shape.ratePerSec}&count=${shape.count}&size=64&kind=text`;
  const startServer = (): Promise<JavaServerProcess | ServerProcess> =>
    which === 'spring'
      ? startJavaServer({})
      : startServerProcess({ ...cell.server, transport: plainTransportOf(SSE_FAMILY) });
  return withStartedServer(
    startServer,
    async (started): Promise<MeasuredRun> => {
      const java = 'system' in started ? started : undefined;
      const proxy = sliced
        ? await startFaultProxy({ upstreamHost: '127.0.0.1', upstreamPort: started.port })
        : undefined;
      try {
        if (proxy) proxy.setFault({ kind: 'slice', direction: 'down', sliceBytes: 1, sliceDelayMs: 1 });
        const result = await runAhcClient(`http://127.0.0.1:${proxy?.port ?? started.port}/stream?${query}`, {
          method: 'GET',
          deadlineMs: 60_000,
          abort,
        });
        const server = java
          ? java.system.replace('Spring ', 'Spring ').replace(' on ', ' SseEmitter(0L) on ')
          : "the harness's Node SSE server (one write per batch of events)";
        return {
          metrics: ahcMetrics(result, shape.count),
          histograms: {},
          errorCounts: result.error ? { 'ahc-error': 1 } : {},
          warnings: result.error ? [`async-http-client: ${result.error}`] : [],
          serverConfig: {
            system: `async-http-client ${result.asyncHttpClient} (Netty ${result.netty}) against ${server}${sliced ? ', through the fault proxy slicing to 1-byte pieces' : ''}`,
            client: `async-http-client ${result.asyncHttpClient}`,
            server,
            query,
            ...(java ? java.info : {}),
          },
        };
      } finally {
        await proxy?.close();
      }
    },
    abort,
  );
}
