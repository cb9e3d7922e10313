/**
 * Builds the results document as runs finish: each new run recomputes its cell's summary, so the
 * document is complete and writable after every run (Ctrl-C loses nothing already measured).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from './env.js';
import { specsForMetrics } from './metric-catalogue.js';
import type { Plan } from './plan.js';
import {
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  type CellResult,
  type ResultsDocument,
  type RunResult,
} from './results.js';
import { summariseRuns } from './stats.js';

export function createResultsDocument(plan: Plan, env: Environment, argv: string[], target?: string): ResultsDocument {
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    env,
    command: argv,
    plan: {
      profile: plan.profile.name,
      repeats: plan.repeats,
      warmupMs: plan.warmupMs,
      durationMs: plan.durationMs,
      ...(target !== undefined ? { target } : {}),
      ...(plan.shards !== undefined ? { shards: plan.shards } : {}),
      scenarios: plan.scenarios.map((s) => ({
        name: s.name,
        family: s.family,
        description: s.description,
        params: { ...s.stream, connections: s.connections },
      })),
      skippedScenarios: plan.skippedScenarios,
    },
    cells: plan.cells.map(
      (cell): CellResult => ({
        id: cell.id,
        scenario: cell.scenario.name,
        transport: cell.transport,
        variant: cell.variant,
        params: cell.params,
        config: { server: { ...cell.server }, client: { ...cell.client } },
        runs: [],
        summary: {},
        warnings: [],
      }),
    ),
    metricSpecs: {},
    warnings: [...plan.warnings],
    errors: [],
    complete: false,
  };
}

export function addRun(doc: ResultsDocument, cellIndex: number, run: RunResult): void {
  const cell = doc.cells[cellIndex]!;
  cell.runs.push(run);
  cell.summary = summariseRuns(cell.runs);
  recordMetricSpecs(doc, Object.keys(run.metrics));
  for (const warning of run.warnings) if (!cell.warnings.includes(warning)) cell.warnings.push(warning);
  if (run.error) doc.errors.push({ ...run.error, cell: cell.id });
}

/** Adds the catalogue's spec of each metric the document does not carry yet (sorted by name). */
function recordMetricSpecs(doc: ResultsDocument, names: readonly string[]): void {
  if (names.every((name) => Object.hasOwn(doc.metricSpecs, name))) return;
  doc.metricSpecs = specsForMetrics([...Object.keys(doc.metricSpecs), ...names], doc.metricSpecs);
}

/** Writes atomically (temp file + rename) so a reader never sees half a document. */
export function writeResultsFile(doc: ResultsDocument, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(doc, null, 1)}\n`);
  renameSync(temp, file);
}
