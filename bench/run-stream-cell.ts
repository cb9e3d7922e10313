/**
 * Measures one repeat of a stream cell: a fresh server process (or the user's target), a client
 * process, the server sampled at the edges of the measured window. The client's own figures and the
 * server's CPU and memory make one RunResult.
 */
import type { ClientPhase } from '../clients/client-protocol.js';
import type { ServerSample } from '../servers/main.js';
import { runCellClients } from './cell-clients.js';
import type { CellRunner } from './families.js';
import type { CellPlan } from './plan.js';
import { runBareProbe } from './floor/run-bare-probe.js';
import { raiseOpenFilesLimit } from './open-files-limit.js';
import type { ServerProcess } from './server-process.js';
import { withCellServer } from './with-cell-server.js';

/** The URL the clients open: the server's stream URL, its /llm or /chat sibling, or the user's target. */
export function clientUrl(cell: CellPlan, serverUrl: string): string {
  const url = new URL(cell.target ?? serverUrl);
  if (cell.client.llm && cell.target === undefined) url.pathname = '/llm';
  if (cell.client.chat && cell.target === undefined) url.pathname = '/chat';
  if (cell.query !== '' && cell.target === undefined) url.search = cell.query;
  return url.href;
}

/** Server CPU and memory over the window, per message and per connection. */
export function serverMetrics(
  start: ServerSample,
  end: ServerSample,
  beforeConnections: ServerSample | undefined,
  connections: number,
): Record<string, number> {
  const cpuUs = end.cpuUserUs + end.cpuSystemUs - (start.cpuUserUs + start.cpuSystemUs);
  const wallUs = Number(BigInt(end.atNs) - BigInt(start.atNs)) / 1000;
  const delivered = end.messagesDelivered - start.messagesDelivered;
  const metrics: Record<string, number> = {
    server_cpu_pct: wallUs > 0 ? (100 * cpuUs) / wallUs : 0,
    server_rss_mib: end.rssBytes / 1048576,
    server_messages_delivered: delivered,
  };
  if (delivered > 0) metrics.server_cpu_us_per_msg = cpuUs / delivered;
  if (beforeConnections !== undefined && connections > 0) {
    metrics.server_heap_kib_per_conn = (end.heapUsedBytes - beforeConnections.heapUsedBytes) / 1024 / connections;
    metrics.server_rss_kib_per_conn = (end.rssBytes - beforeConnections.rssBytes) / 1024 / connections;
  }
  return metrics;
}

/** This cell's service latency over the bare probe's, at the median: what the harness's own floor adds. */
function floorRatio(metrics: Record<string, number>): Record<string, number> {
  const cell = metrics.service_latency_p50_us;
  const bare = metrics.bare_probe_latency_p50_us;
  return cell !== undefined && bare !== undefined && bare > 0 ? { floor_over_bare_probe_p50_ratio: cell / bare } : {};
}

/** File descriptors a server needs besides one per connection (listener, pipes, modules, TLS files). */
const SERVER_SPARE_FILES = 256;

/**
 * Lifts the server's open-files limit to hold every connection of the cell (Node lifts the soft
 * limit to the hard one by itself; beyond that needs root), and warns when it could not.
 */
function fitOpenFiles(server: ServerProcess, connections: number, warnings: string[]): Record<string, number> {
  const wanted = connections + SERVER_SPARE_FILES;
  const limit = raiseOpenFilesLimit(server.pid, wanted);
  if (limit.soft < wanted)
    warnings.push(
      `open-files: the server may open ${limit.soft} files, fewer than the ${wanted} this cell needs; run as root (prlimit raises it) or lower the connections`,
    );
  return { server_open_files_limit: limit.soft };
}

export const runStreamCell: CellRunner = (cell, abort) =>
  withCellServer(
    cell,
    async ({ process: server, client, describe }) => {
      const warnings: string[] = [];
      const limit = server !== undefined ? fitOpenFiles(server, cell.client.connections, warnings) : {};
      const memoryBaseline = cell.scenario.measureMemory ? await server?.sample({ gc: true }) : undefined;
      const samples: { start?: ServerSample; end?: ServerSample } = {};
      const onPhase = async (phase: ClientPhase) => {
        if (server === undefined) return;
        if (phase === 'measuring') samples.start = await server.sample();
        if (phase === 'closing') samples.end = await server.sample({ gc: cell.scenario.measureMemory === true });
      };
      const url = clientUrl(cell, server?.url ?? '');
      const result = await runCellClients(cell, { ...client, url }, onPhase, abort);
      const metrics = { ...result.metrics, ...limit };
      const histograms = { ...result.histograms };
      if (samples.start && samples.end)
        Object.assign(
          metrics,
          serverMetrics(samples.start, samples.end, memoryBaseline, result.metrics.connections ?? 0),
        );
      // A bounded stream has no time window to mirror.
      if (cell.scenario.bareProbe && server !== undefined && !cell.client.untilEnd) {
        await server.stop(); // the probe measures an idle machine, not one still serving this cell
        const probe = await runBareProbe({
          ratePerSec: cell.server.defaults.ratePerSec,
          connections: cell.client.connections,
          warmupMs: cell.client.warmupMs,
          durationMs: cell.client.durationMs,
        });
        Object.assign(metrics, probe.metrics);
        Object.assign(metrics, floorRatio(metrics));
        histograms.bare_probe_latency_us = probe.histogram;
      }
      return {
        metrics,
        histograms,
        timeline: result.timeline,
        errorCounts: result.errorCounts,
        warnings: [...warnings, ...result.warnings],
        serverConfig: describe(),
        ...(result.hosts !== undefined ? { hosts: result.hosts } : {}),
      };
    },
    { abort },
  );
