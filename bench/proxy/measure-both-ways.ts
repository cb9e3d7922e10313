/**
 * The two halves of a proxy cell's repeat: a client run straight to the server and one through the
 * proxy, in alternating order across repeats. A transport the proxy refuses is an outcome, not a failure.
 */
import type { ClientRunConfig, ClientRunResult } from '../../clients/client-protocol.js';
import { runClientProcess } from '../client-process.js';
import { PhaseError } from '../phase-error.js';
import type { CellPlan } from '../plan.js';
import { isTransportOutcome, type ProxiedOutcome } from './proxy-comparison.js';
import type { ProxyHop } from './proxy-hop.js';

/** nginx error-log lines worth a warning per run; more would drown the console. */
const MAX_LOG_WARNINGS = 3;

async function runThroughProxy(config: ClientRunConfig, abort: AbortSignal): Promise<ProxiedOutcome> {
  try {
    return { kind: 'measured', result: await runClientProcess(config, ignorePhase, abort) };
  } catch (err) {
    if (err instanceof PhaseError && isTransportOutcome(err.category))
      return { kind: 'refused', error: { category: err.category, message: err.message } };
    throw err;
  }
}

const ignorePhase = (): void => undefined;

/** nginx's own complaints (an upstream buffered to a temp file, a refused upgrade…), first few lines. */
export function logWarnings(hop: ProxyHop): string[] {
  const lines = hop
    .log()
    .split('\n')
    .map((line) => line.replace(/^\S+ \S+ \[(\w+)\] \d+#\d+: (\*\d+ )?/, '[$1] ').trim())
    .filter(Boolean);
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
export async function measureBothWays(
  cell: CellPlan,
  urls: { direct: string; proxied: string },
  hop: ProxyHop,
  abort: AbortSignal,
  client: CellPlan['client'] = cell.client,
): Promise<{ direct: ClientRunResult; proxied: ProxiedOutcome }> {
  const measureDirect = () => runClientProcess({ ...client, url: urls.direct }, ignorePhase, abort);
  const measureProxied = () => runThroughProxy({ ...client, url: urls.proxied }, abort);
  // The plan discards a run stopped by Ctrl-C, so its second half would measure nothing anyone sees.
  const stopIfAborted = () => {
    if (abort.aborted)
      throw new PhaseError(
        'timeout:aborted',
        `${cell.id}: stopped between the direct run and the run through ${hop.name}`,
      );
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
