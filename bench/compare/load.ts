/**
 * Reads a results file and checks it is one compare can trust: the right schema, a schema version
 * this build reads (bench/results.ts says which: version 1 differs only in carrying no metric
 * specs), and the fields compare reads shaped as expected. A baseline written by an unknown version
 * of the harness must stop the comparison with a clear message, not yield wrong verdicts.
 */
import { readFile } from 'node:fs/promises';
import {
  describeReadableSchemaVersions,
  isReadableSchemaVersion,
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  upgradeResultsDocument,
  type ResultsDocument,
} from '../results.js';
import { UsageError } from '../../cli/usage-error.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireField(source: string, path: string, ok: boolean, expected: string): void {
  if (!ok) throw new UsageError(`${source} is not a valid results document: ${path} must be ${expected}`);
}

function checkSchema(doc: JsonObject, source: string): void {
  if (doc.schema !== RESULTS_SCHEMA) {
    throw new UsageError(
      `${source} is not a results document: schema is ${JSON.stringify(doc.schema)}, expected "${RESULTS_SCHEMA}"`,
    );
  }
  if (!isReadableSchemaVersion(doc.schemaVersion)) {
    throw new UsageError(
      `${source} has results schemaVersion ${JSON.stringify(doc.schemaVersion)}, but this compare reads schemaVersion ${describeReadableSchemaVersions()}. ` +
        `Regenerate the baseline with a build that writes version ${RESULTS_SCHEMA_VERSION}; a change that bumps the version has no comparable baseline.`,
    );
  }
}

const METRIC_CLASSES: readonly unknown[] = ['exact', 'noisy', 'info'];
const BETTER_DIRECTIONS: readonly unknown[] = ['lower', 'higher', 'none'];

/** The specs compare gates by, when the document carries them (version 2): each must be whole. */
function checkMetricSpecs(specs: unknown, source: string): void {
  if (specs === undefined) return;
  requireField(source, 'metricSpecs', isObject(specs), 'an object');
  for (const [name, spec] of Object.entries(specs as JsonObject)) {
    const path = `metricSpecs.${name}`;
    requireField(source, path, isObject(spec), 'an object');
    const { unit, class: metricClass, better } = spec as JsonObject;
    requireField(source, `${path}.unit`, typeof unit === 'string', 'a string');
    requireField(source, `${path}.class`, METRIC_CLASSES.includes(metricClass), '"exact", "noisy" or "info"');
    requireField(source, `${path}.better`, BETTER_DIRECTIONS.includes(better), '"lower", "higher" or "none"');
  }
}

function checkRun(run: unknown, source: string, path: string): void {
  requireField(source, path, isObject(run), 'an object');
  const { status, metrics } = run as JsonObject;
  requireField(source, `${path}.status`, status === 'ok' || status === 'failed', '"ok" or "failed"');
  requireField(source, `${path}.metrics`, isObject(metrics), 'an object');
  for (const [name, value] of Object.entries(metrics as JsonObject)) {
    requireField(source, `${path}.metrics.${name}`, typeof value === 'number', 'a number');
  }
}

function checkCell(cell: unknown, source: string, path: string): void {
  requireField(source, path, isObject(cell), 'an object');
  const { id, scenario, runs } = cell as JsonObject;
  requireField(source, `${path}.id`, typeof id === 'string', 'a string');
  requireField(source, `${path}.scenario`, typeof scenario === 'string', 'a string');
  requireField(source, `${path}.runs`, Array.isArray(runs), 'an array');
  (runs as unknown[]).forEach((run, index) => checkRun(run, source, `${path}.runs[${index}]`));
}

/** Checks the parts of the document compare reads; the schema check comes first. */
function checkDocument(doc: unknown, source: string): ResultsDocument {
  requireField(source, 'the top level', isObject(doc), 'an object');
  const record = doc as JsonObject;
  checkSchema(record, source);
  requireField(source, 'plan', isObject(record.plan), 'an object');
  const plan = record.plan as JsonObject;
  requireField(source, 'plan.profile', typeof plan.profile === 'string', 'a string');
  requireField(source, 'plan.skippedScenarios', Array.isArray(plan.skippedScenarios), 'an array');
  requireField(source, 'complete', typeof record.complete === 'boolean', 'a boolean');
  requireField(source, 'errors', Array.isArray(record.errors), 'an array');
  requireField(source, 'cells', Array.isArray(record.cells), 'an array');
  (record.cells as unknown[]).forEach((cell, index) => checkCell(cell, source, `cells[${index}]`));
  checkMetricSpecs(record.metricSpecs, source);
  return upgradeResultsDocument(doc as ResultsDocument);
}

/** Parses and validates results JSON; `source` names the file in error messages. */
export function parseResultsDocument(text: string, source: string): ResultsDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  return checkDocument(parsed, source);
}

/** Reads and validates a results file; every failure is a UsageError naming the file. */
export async function loadResultsDocument(path: string): Promise<ResultsDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read results file ${path}: ${(error as Error).message}`);
  }
  return parseResultsDocument(text, path);
}
