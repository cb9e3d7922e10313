/**
 * A/B mode: base and head measured in the same job, run for run (base, head, head, base, …), which
 * cancels the machine's drift far better than two jobs compared afterwards. Regressions flagged in
 * the first pass are re-measured once, interleaved again, and count only if they flag again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareResults } from './compare/compare.js';
import type { Comparison } from './compare/comparison.js';
import { confirmRegressions, listCellsToRemeasure } from './compare/confirm.js';
import type { Environment } from './env.js';
import { UsageError } from '../cli/usage-error.js';
import type { Plan } from './plan.js';
import { createResultsDocument } from './results-document.js';
import type { ResultsDocument } from './results.js';
import { runPlan, type RunListener, type RunProgress } from './run-plan.js';
import { setActiveBuild } from './spawn.js';

export interface AbOutcome {
  base: ResultsDocument;
  head: ResultsDocument;
  comparison: Comparison;
  remeasured: string[];
}

/** The base checkout's compiled output; it must have been built (`npm install && npm run build`). */
export function resolveBaseBuild(baseDir: string): string {
  const dist = path.resolve(baseDir, 'dist');
  for (const entry of ['servers/main.js', 'clients/main.js']) {
    if (!existsSync(path.join(dist, entry))) {
      throw new UsageError(
        '--ab',
        `${path.join(dist, entry)} is missing: build the base checkout first (cd ${baseDir} && npm install && npm run build)`,
      );
    }
  }
  return dist;
}

/** Runs every slot of the plan on both builds, alternating which goes first so neither always runs warm. */
async function measureBoth(
  plan: Plan,
  docs: { base: ResultsDocument; head: ResultsDocument },
  baseDist: string,
  listener: RunListener,
  abort: AbortSignal,
  afterEachRun: () => void,
): Promise<void> {
  const startNs = process.hrtime.bigint();
  const total = plan.order.length * 2;
  for (let index = 0; index < plan.order.length && !abort.aborted; index++) {
    const slot = plan.order[index]!;
    const single: Plan = { ...plan, order: [slot] };
    const builds: ['base' | 'head', string | undefined][] = [
      ['base', baseDist],
      ['head', undefined],
    ];
    if (index % 2 === 1) builds.reverse();
    for (const [step, [name, dist]] of builds.entries()) {
      setActiveBuild(dist);
      await runPlan(single, docs[name], labelled(listener, name), abort, afterEachRun, {
        offset: index * 2 + step,
        total,
        startNs,
      });
    }
  }
  setActiveBuild(undefined);
}

/** Prefixes the cell id in progress lines with the build it ran on. */
function labelled(listener: RunListener, build: string): RunListener {
  const rename = (p: RunProgress): RunProgress => ({ ...p, cell: { ...p.cell, id: `${build}: ${p.cell.id}` } });
  return {
    onRunStart: (p) => listener.onRunStart?.(rename(p)),
    onRunEnd: (p, run) => listener.onRunEnd?.(rename(p), run),
  };
}

/** Only the cells named, for the re-measure pass. */
function narrowPlan(plan: Plan, cellIds: string[]): Plan {
  const keep = new Set(plan.cells.flatMap((cell, i) => (cellIds.includes(cell.id) ? [i] : [])));
  return { ...plan, order: plan.order.filter((slot) => keep.has(slot.cell)) };
}

export async function runAb(
  plan: Plan,
  baseDir: string,
  env: Environment,
  argv: string[],
  listener: RunListener,
  abort: AbortSignal,
  afterEachRun: (docs: { base: ResultsDocument; head: ResultsDocument }) => void,
): Promise<AbOutcome> {
  const baseDist = resolveBaseBuild(baseDir);
  const docs = { base: createResultsDocument(plan, env, argv), head: createResultsDocument(plan, env, argv) };
  await measureBoth(plan, docs, baseDist, listener, abort, () => afterEachRun(docs));
  docs.base.complete = docs.head.complete = !abort.aborted;
  let comparison = compareResults(docs.base, docs.head);
  const remeasured = listCellsToRemeasure(comparison);
  if (remeasured.length > 0 && !abort.aborted) {
    const again = { base: createResultsDocument(plan, env, argv), head: createResultsDocument(plan, env, argv) };
    await measureBoth(narrowPlan(plan, remeasured), again, baseDist, listener, abort, () => undefined);
    again.base.complete = again.head.complete = !abort.aborted;
    comparison = confirmRegressions(comparison, compareResults(again.base, again.head));
  }
  return { ...docs, comparison, remeasured };
}
