/**
 * Measures one repeat of a proxy cell: one server process (or the user's target), a client run
 * straight to it and a client run through the cell's proxy (nginx or the dev-proxy model) to the
 * same server, one after the other. A transport the proxy refuses is measured as works = 0; a missing nginx leaves the
 * cell without figures and with a warning saying how to install it, never with made-up ones.
 *
 * Behind nginx's TLS + HTTP/2 front the client speaks its TLS transport to nginx and nginx plain
 * HTTP/1.1 to a server of the family's plain transport; "direct" is the same TLS transport straight
 * to a second server of ours that terminates TLS (and HTTP/2) itself, so what the cell adds is
 * nginx's hop, not TLS.
 */
import type { CellRunner, MeasuredRun } from '../families.js';
import { PhaseError } from '../phase-error.js';
import type { CellPlan } from '../plan.js';
import { clientUrl } from '../run-stream-cell.js';
import { startServerProcess } from '../server-process.js';
import { withCellServer, withStartedServer } from '../with-cell-server.js';
import { runCertificate } from '../../servers/tls-files.js';
import { logWarnings, measureBothWays } from './measure-both-ways.js';
import { findNginxBinary, NGINX_INSTALL_HINT } from './nginx-binary.js';
import { primeServer } from './prime-server.js';
import { combineRuns } from './proxy-comparison.js';
import {
  needsNginx,
  startProxyHop,
  type ProxyFront,
  type ProxyHop,
  type ProxyHopName,
  type Upstream,
} from './proxy-hop.js';
import { proxyParamsOf } from './proxy-params.js';
import { countFrontRequests, frontMetrics, probeTlsFront } from './tls-front.js';

/** The proxy a cell's variant names. */
export function proxyHopOf(cell: CellPlan): ProxyHopName {
  return proxyParamsOf(cell).proxy;
}

/** What the cell's client speaks to the proxy: plain HTTP/1.1 unless its variant asks for the TLS + HTTP/2 front. */
export function proxyFrontOf(cell: CellPlan): ProxyFront {
  return proxyParamsOf(cell).front;
}

/** The host and port a URL points at, for the proxy to forward to. */
export function upstreamOf(url: string): Upstream {
  const parsed = new URL(url);
  const port =
    parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 443 : 80;
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** The same URL (scheme, path, query) on the proxy's loopback port instead. */
export function throughProxy(url: string, proxyPort: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxyPort);
  return parsed.href;
}

export function nginxMissingRun(hop: ProxyHopName): MeasuredRun {
  return {
    metrics: {},
    histograms: {},
    errorCounts: {},
    warnings: [`not measured through ${hop}: ${NGINX_INSTALL_HINT}`],
    serverConfig: { proxy: { hop, nginx: 'missing' } },
  };
}

/** How long the front's access log may take to show the proxied run's requests (nginx logs a request as it ends). */
const FRONT_LOG_SETTLE_MS = 1000;

/** The front's access log once it holds at least `requests` lines, or whatever it holds after FRONT_LOG_SETTLE_MS. */
async function settledFrontLog(hop: ProxyHop, requests: number): Promise<string> {
  const deadline = Date.now() + FRONT_LOG_SETTLE_MS;
  let log = hop.frontLog();
  while (log.split('\n').filter(Boolean).length < requests && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    log = hop.frontLog();
  }
  return log;
}

/** The cell through nginx's TLS + HTTP/2 front: see the header. Our own servers only (a --target has its own front). */
async function runThroughTlsFront(cell: CellPlan, hopName: ProxyHopName, abort: AbortSignal): Promise<MeasuredRun> {
  // resolvePlan skips these cells with a --target (proxy-params.ts).
  if (cell.target !== undefined)
    throw new PhaseError('internal', `${cell.id}: the TLS front stands in front of our own servers, not a --target`);
  const tls = runCertificate();
  const client = { ...cell.client, tls: { caFile: tls.certFile } };
  const startDirect = () => startServerProcess({ ...cell.server, transport: cell.transport, tls });
  return withStartedServer(
    () => startServerProcess(cell.server),
    (behind) =>
      withStartedServer(
        startDirect,
        async (direct) => {
          await primeServer(cell.server.transport, behind.url);
          await primeServer(cell.transport, direct.url, { caFile: tls.certFile });
          const directUrl = clientUrl(cell, direct.url);
          const hop = await startProxyHop(hopName, upstreamOf(clientUrl(cell, behind.url)), tls);
          try {
            const probe = await probeTlsFront(hop.port, tls.certFile);
            const measured = await measureBothWays(
              cell,
              { direct: directUrl, proxied: throughProxy(directUrl, hop.port) },
              hop,
              abort,
              client,
            );
            const requests = countFrontRequests(await settledFrontLog(hop, cell.client.connections));
            const run = combineRuns(measured.direct, measured.proxied, hopName);
            return {
              ...run,
              metrics: { ...run.metrics, ...frontMetrics(probe, requests) },
              warnings: [...run.warnings, ...logWarnings(hop)],
              serverConfig: {
                ...behind.config,
                direct: direct.config,
                proxy: {
                  ...hop.describe(),
                  negotiated: {
                    probeAlpn: probe.alpn,
                    probeTls: probe.tlsVersion,
                    extendedConnect: probe.extendedConnect,
                    requests,
                  },
                },
              },
            };
          } finally {
            await hop.close();
          }
        },
        abort,
      ),
    abort,
  );
}

export const runProxyCell: CellRunner = async (cell, abort) => {
  const hopName = proxyHopOf(cell);
  if (needsNginx(hopName) && findNginxBinary() === undefined) return nginxMissingRun(hopName);
  if (proxyFrontOf(cell) === 'tls-h2') return runThroughTlsFront(cell, hopName, abort);
  return withCellServer(
    cell,
    async ({ process: server, describe }) => {
      const directUrl = clientUrl(cell, server?.url ?? '');
      if (server !== undefined) await primeServer(cell.transport, server.url);
      const hop = await startProxyHop(hopName, upstreamOf(directUrl));
      try {
        const { direct, proxied } = await measureBothWays(
          cell,
          { direct: directUrl, proxied: throughProxy(directUrl, hop.port) },
          hop,
          abort,
        );
        const run = combineRuns(direct, proxied, hopName);
        return {
          ...run,
          warnings: [...run.warnings, ...logWarnings(hop)],
          serverConfig: { ...describe(), proxy: hop.describe() },
        };
      } finally {
        await hop.close();
      }
    },
    { abort },
  );
};
