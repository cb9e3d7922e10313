/**
 * Measures one repeat of a proxy cell: one server process (or the user's target), a client run
 * straight to it and a client run through the cell's proxy (nginx or the dev-proxy model) to the
 * same server, one after the other. A transport the proxy refuses is measured as works = 0; a missing nginx leaves the
 * cell without figures and with a warning saying how to install it, never with made-up ones.
 */
import type { ClientRunConfig, ClientRunResult } from '../../clients/client-protocol.js';
import { runClientProcess } from '../client-process.js';
import type { CellRunner, MeasuredRun } from '../families.js';
import { PhaseError } from '../phase-error.js';
import type { CellPlan } from '../plan.js';
import { clientUrl } from '../run-stream-cell.js';
import { startServerProcess } from '../server-process.js';
import { findNginxBinary, NGINX_INSTALL_HINT } from './nginx-binary.js';
import { primeServer } from './prime-server.js';
import { combineRuns, isTransportOutcome, type ProxiedOutcome } from './proxy-comparison.js';
import { needsNginx, startProxyHop, type ProxyHop, type ProxyHopName, type Upstream } from './proxy-hop.js';
import type { ProxyVariantSpec } from './proxy-scenarios.js';

/** nginx error-log lines worth a warning per run; more would drown the console. */
const MAX_LOG_WARNINGS = 3;

/** The proxy a cell's variant names. */
export function proxyHopOf(cell: CellPlan): ProxyHopName {
  const spec = cell.scenario.variants.find((v) => (v.variant ?? v.transport) === cell.variant) as Partial<ProxyVariantSpec> | undefined;
  if (spec?.hop === undefined) throw new PhaseError('config', `${cell.id}: a proxy scenario's variant must name its hop (nginx-default, nginx-tuned or dev-proxy)`);
  return spec.hop;
}

/** The host and port a URL points at, for the proxy to forward to. */
export function upstreamOf(url: string): Upstream {
  const parsed = new URL(url);
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? 443 : 80;
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** The same URL (scheme, path, query) on the proxy's loopback port instead. */
export function throughProxy(url: string, proxyPort: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxyPort);
  return parsed.href;
}

async function runThroughProxy(config: ClientRunConfig, abort: AbortSignal): Promise<ProxiedOutcome> {
  try {
    return { kind: 'measured', result: await runClientProcess(config, ignorePhase, abort) };
  } catch (err) {
    if (err instanceof PhaseError && isTransportOutcome(err.category)) return { kind: 'refused', error: { category: err.category, message: err.message } };
    throw err;
  }
}

const ignorePhase = (): void => undefined;

function nginxMissingRun(hop: ProxyHopName): MeasuredRun {
  return { metrics: {}, histograms: {}, errorCounts: {}, warnings: [`not measured through ${hop}: ${NGINX_INSTALL_HINT}`], serverConfig: { proxy: { hop, nginx: 'missing' } } };
}

/** nginx's own complaints (an upstream buffered to a temp file, a refused upgrade…), first few lines. */
function logWarnings(hop: ProxyHop): string[] {
  const lines = hop.log().split('\n').map((line) => line.replace(/^\S+ \S+ \[(\w+)\] \d+#\d+: (\*\d+ )?/, '[$1] ').trim()).filter(Boolean);
  const distinct = [...new Set(lines.map((line) => line.replace(/, client: .*$/, '')))];
  return distinct.slice(0, MAX_LOG_WARNINGS).map((line) => `${hop.name} log: ${line}`);
}

/**
 * Runs per cell so far. The two halves of a cell alternate their order across repeats (direct
 * first, then proxied first…), so the cost of a cold server (its first connections, its JIT) falls
 * on each half in turn instead of always making "direct" look slower.
 */
const runsPerCell = new Map<string, number>();

function takeDirectFirst(cellId: string): boolean {
  const runs = runsPerCell.get(cellId) ?? 0;
  runsPerCell.set(cellId, runs + 1);
  return runs % 2 === 0;
}

/** Both client runs, in the cell's order for this repeat; a Ctrl-C between them skips the second. */
async function measureBothWays(cell: CellPlan, directUrl: string, hop: ProxyHop, abort: AbortSignal): Promise<{ direct: ClientRunResult; proxied: ProxiedOutcome }> {
  const measureDirect = () => runClientProcess({ ...cell.client, url: directUrl }, ignorePhase, abort);
  const measureProxied = () => runThroughProxy({ ...cell.client, url: throughProxy(directUrl, hop.port) }, abort);
  // The plan discards a run stopped by Ctrl-C, so its second half would measure nothing anyone sees.
  const stopIfAborted = () => {
    if (abort.aborted) throw new PhaseError('timeout:aborted', `${cell.id}: stopped between the direct run and the run through ${hop.name}`);
  };
  if (takeDirectFirst(cell.id)) {
    const direct = await measureDirect();
    stopIfAborted();
    return { direct, proxied: await measureProxied() };
  }
  const proxied = await measureProxied();
  stopIfAborted();
  return { direct: await measureDirect(), proxied };
}

export const runProxyCell: CellRunner = async (cell, abort) => {
  const hopName = proxyHopOf(cell);
  if (needsNginx(hopName) && findNginxBinary() === undefined) return nginxMissingRun(hopName);
  const server = cell.target === undefined ? await startServerProcess(cell.server) : undefined;
  try {
    const directUrl = clientUrl(cell, server?.url ?? '');
    if (server !== undefined) await primeServer(cell.transport, server.url);
    const hop = await startProxyHop(hopName, upstreamOf(directUrl));
    try {
      const { direct, proxied } = await measureBothWays(cell, directUrl, hop, abort);
      const run = combineRuns(direct, proxied, hopName);
      return { ...run, warnings: [...run.warnings, ...logWarnings(hop)], serverConfig: { ...(server?.config ?? { target: cell.target }), proxy: hop.describe() } };
    } finally {
      await hop.close();
    }
  } finally {
    await server?.stop();
  }
};
