/**
 * Reading a saved results file back, with a precise error for each way it can be wrong: missing,
 * not JSON, not a results document, or a schema version this report does not read. Older readable
 * versions are brought to this build's shape (bench/results.ts: upgradeResultsDocument).
 */
import { readFile } from 'node:fs/promises';
import {
  describeReadableSchemaVersions,
  isReadableSchemaVersion,
  RESULTS_SCHEMA,
  upgradeResultsDocument,
  type ErrorCategory,
  type ResultsDocument,
} from '../bench/results.js';

/** Why a results file could not be loaded; `config` category: the user pointed at the wrong file. */
export class ResultsLoadError extends Error {
  override readonly name = 'ResultsLoadError';
  readonly category: ErrorCategory = 'config';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the parts every renderer relies on; the rest is trusted to the versioned schema. */
export function parseResultsDocument(text: string, source: string): ResultsDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultsLoadError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value) || value['schema'] !== RESULTS_SCHEMA) {
    throw new ResultsLoadError(`${source} is not a results document (expected "schema": "${RESULTS_SCHEMA}")`);
  }
  if (!isReadableSchemaVersion(value['schemaVersion'])) {
    throw new ResultsLoadError(
      `${source} has schema version ${JSON.stringify(value['schemaVersion'])}; this report reads version ${describeReadableSchemaVersions()}`,
    );
  }
  const missing = ['env', 'plan', 'cells', 'errors'].filter((key) => value[key] === undefined);
  if (missing.length > 0 || !Array.isArray(value['cells'])) {
    throw new ResultsLoadError(`${source} is missing ${missing.length > 0 ? missing.join(', ') : 'a cells array'}`);
  }
  if (value['metricSpecs'] !== undefined && !isRecord(value['metricSpecs']))
    throw new ResultsLoadError(`${source} has a metricSpecs that is not an object`);
  return upgradeResultsDocument(value as unknown as ResultsDocument);
}

/** Reads and checks a results file. */
export async function loadResultsFile(file: string): Promise<ResultsDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ResultsLoadError(
      code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
  return parseResultsDocument(text, file);
}
