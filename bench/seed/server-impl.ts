/**
 * `--server java`: the stream scenarios (steady, fan-out, llm-stream …) measured against the
 * article's server stack (Spring SseEmitter and JSR-356 WebSocket on Tomcat) beside, or instead of,
 * the Node servers. Java cells are the Node cells' twins with `java-` before the variant
 * (`steady/java-sse`, `steady/java-ws`), so a report shows both stacks side by side; the stream
 * family's runner hands them to runJavaStreamCell (bench/all-families.ts).
 */
import type { CellPlan, Plan } from '../plan.js';
import { UsageError } from '../../cli/usage-error.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

export type ServerImpl = 'node' | 'java';
export const SERVER_IMPLS: readonly ServerImpl[] = ['node', 'java'];

/** The Java server speaks plain HTTP/1.1 SSE and WS; it has no /chat room and no TCP floor. */
const JAVA_TRANSPORTS = new Set<string>([plainTransportOf(SSE_FAMILY), plainTransportOf(WS_FAMILY)]);
const JAVA_SCENARIOS_WITHOUT = new Set(['chat', 'tcp-floor']);

/** `--server java` / `--server node,java`; undefined when the option is absent. */
export function parseServerImpls(raw: string | undefined): ServerImpl[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--server', 'give node, java or node,java');
  for (const name of names) {
    if (!SERVER_IMPLS.includes(name as ServerImpl))
      throw new UsageError(
        '--server',
        `unknown server ${JSON.stringify(name)}; choose from ${SERVER_IMPLS.join(', ')} (java: Spring SseEmitter and JSR-356 WebSocket on Tomcat 9)`,
      );
  }
  return names as ServerImpl[];
}

function javaTwin(cell: CellPlan): CellPlan {
  return {
    ...cell,
    id: cell.id.replace(`/${cell.variant}`, `/java-${cell.variant}`),
    variant: `java-${cell.variant}`,
    serverImpl: 'java',
    params: { ...cell.params, server: 'java' },
  };
}

/**
 * The plan with Java twins of its stream cells (and without the Node cells unless `node` is named).
 * Pure: a new plan, order rebuilt the way resolvePlan builds it (every repeat interleaves a scenario's cells).
 */
export function applyServerImpls(plan: Plan, impls: readonly ServerImpl[] | undefined): Plan {
  if (impls === undefined || (impls.length === 1 && impls[0] === 'node')) return plan;
  const warnings = [...plan.warnings];
  const cells: CellPlan[] = [];
  for (const cell of plan.cells) {
    // Naive-writer variants (writeMode per-message) are a Node server setting the Java server has no twin for.
    const javaCapable =
      cell.scenario.family === 'stream' &&
      cell.target === undefined &&
      JAVA_TRANSPORTS.has(cell.transport) &&
      !JAVA_SCENARIOS_WITHOUT.has(cell.scenario.name) &&
      cell.server.writeMode !== 'per-message';
    if (impls.includes('node') || !javaCapable) cells.push(cell);
    if (impls.includes('java') && javaCapable) cells.push(javaTwin(cell));
    else if (impls.includes('java') && cell.scenario.family === 'stream')
      warnings.push(
        `${cell.id}: no Java twin (the Java server has plain SSE and WS streams and /llm, one writer); run on the Node server`,
      );
  }
  if (cells.length === 0)
    throw new UsageError(
      '--server',
      'nothing to run on the Java server: it serves the stream scenarios over sse and ws',
    );
  const order: Plan['order'] = [];
  for (const scenario of plan.scenarios) {
    const indices = cells.flatMap((cell, i) => (cell.scenario === scenario ? [i] : []));
    for (let repeat = 0; repeat < plan.repeats; repeat++) for (const cell of indices) order.push({ cell, repeat });
  }
  return { ...plan, cells, order, warnings };
}
