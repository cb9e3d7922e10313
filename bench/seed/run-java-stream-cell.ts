/**
 * A stream cell (steady, fan-out, llm-stream… or seed-stack's java-sse/java-ws) measured against the
 * article's server stack instead of the Node servers: the same client process, the same windows,
 * the server sampled through the Java adapter. SSE is Spring's SseEmitter(0L), WS Tomcat's JSR-356.
 */
import type { ClientPhase, ClientRunResult } from '../../clients/client-protocol.js';
import type { ServerSample } from '../../servers/main.js';
import { runClientProcess } from '../client-process.js';
import type { CellRunner, MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { clientUrl, serverMetrics } from '../run-stream-cell.js';
import { withStartedServer } from '../with-cell-server.js';
import { startJavaServer } from './java-server-process.js';
import { WS_FAMILY } from '../../transports/families.js';
import { familyOf, transportNamed } from '../../transports/registry.js';

/** `Spring 4.3.30 SseEmitter(0L) on Tomcat 9.0.70 (Java 17.0.15)` or the JSR-356 equivalent. */
export function javaTransportSystem(transport: string, info: { spring: string; tomcat: string; java: string }): string {
  const tomcat = `Tomcat ${info.tomcat.replace(/\.0$/, '')}`;
  return familyOf(transport) === WS_FAMILY
    ? `JSR-356 @ServerEndpoint on ${tomcat} (Java ${info.java})`
    : `Spring ${info.spring.replace(/\.RELEASE$/, '')} SseEmitter(0L) on ${tomcat} (Java ${info.java})`;
}

export function runJavaStreamCell(cell: CellPlan, abort: AbortSignal): Promise<MeasuredRun> {
  return withStartedServer(
    () => startJavaServer({}),
    async (server) => {
      const memoryBaseline = cell.scenario.measureMemory ? await server.sample({ gc: true }) : undefined;
      const samples: { start?: ServerSample; end?: ServerSample } = {};
      const onPhase = async (phase: ClientPhase) => {
        if (phase === 'measuring') samples.start = await server.sample();
        if (phase === 'closing') samples.end = await server.sample({ gc: cell.scenario.measureMemory === true });
      };
      const base = new URL(server.url);
      base.protocol = transportNamed(cell.transport).scheme; // ws: for WebSocket, on the same port
      const { target: _userTarget, ...own } = cell; // --server java measures our Java server, never a --target
      const url = clientUrl(own, base.href);
      const result: ClientRunResult = await runClientProcess({ ...cell.client, url }, onPhase, abort);
      const metrics = { ...result.metrics };
      if (samples.start && samples.end)
        Object.assign(
          metrics,
          serverMetrics(samples.start, samples.end, memoryBaseline, result.metrics.connections ?? 0),
        );
      const stats = await server.stats();
      metrics.java_server_threads = stats.threads;
      return {
        metrics,
        histograms: result.histograms,
        timeline: result.timeline,
        errorCounts: result.errorCounts,
        warnings: result.warnings,
        serverConfig: {
          impl: 'java',
          system: javaTransportSystem(cell.transport, server.info),
          ...server.info,
          url: server.url,
        },
      };
    },
    abort,
  );
}

/** The stream family's runner with `--server java` cells handed to the Java server (bench/all-families.ts). */
export function withJavaServer(runner: CellRunner): CellRunner {
  return (cell, abort) => (cell.serverImpl === 'java' ? runJavaStreamCell(cell, abort) : runner(cell, abort));
}
