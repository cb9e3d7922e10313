/**
 * `--config FILE.json`: several workloads in one file, checked against the published JSON Schema
 * (measure-config.schema.json, which editors can use for completion) by ajv before anything
 * connects. Each schema violation becomes a UsageError naming the field, the value and the fix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from '../paths.js';
import { UsageError } from '../../cli/usage-error.js';
import type { RawWorkload } from './measure-options.js';

/** The schema lives beside the source (not in dist/), so it is read from the repository root. */
export const CONFIG_SCHEMA_PATH = path.join(REPO_ROOT, 'bench', 'measure', 'measure-config.schema.json');

export interface MeasureConfigFile {
  repeats?: number;
  out?: string;
  defaults?: RawWorkload;
  workloads: RawWorkload[];
}

let validator: ValidateFunction<MeasureConfigFile> | undefined;

function loadValidator(): ValidateFunction<MeasureConfigFile> {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as object;
    validator = new Ajv({ allErrors: false, strict: true }).compile<MeasureConfigFile>(schema);
  }
  return validator;
}

/** `/workloads/1/connections` → `workloads[1].connections`. */
export function describeInstancePath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(data: unknown, instancePath: string): unknown {
  let current = data;
  for (const part of instancePath.split('/').slice(1))
    current = (current as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return current;
}

/** The fix for one kind of schema violation, in words a user can act on. */
function describeFix(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `remove it or fix its spelling (see ${path.relative(process.cwd(), CONFIG_SCHEMA_PATH)} for the fields)`;
    case 'required':
      return `add "${String(params['missingProperty'])}"`;
    case 'enum':
      return `use one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `give a ${String(params['type'])}`;
    case 'minimum':
    case 'maximum':
      return `give a value ${String(params['comparison'])} ${String(params['limit'])}`;
    case 'minItems':
      return 'list at least one workload with a url';
    case 'pattern':
      return `match ${String(params['pattern'])}`;
    default:
      return `fix it to satisfy the schema (${error.message ?? error.keyword})`;
  }
}

/** Turns the first schema violation into a UsageError naming field, value and fix. */
export function describeSchemaError(error: ErrorObject, data: unknown, file: string): UsageError {
  const params = error.params as Record<string, unknown>;
  const extra = error.keyword === 'additionalProperties' ? `/${String(params['additionalProperty'])}` : '';
  const instancePath = `${error.instancePath}${extra}`;
  const where = describeInstancePath(instancePath) || 'the top level';
  const problem = error.keyword === 'additionalProperties' ? 'is not a known field' : (error.message ?? error.keyword);
  const value = JSON.stringify(valueAt(data, instancePath)) ?? 'nothing';
  return new UsageError(`${file}: ${where}`, `${problem}, got ${value}; ${describeFix(error)}`);
}

/** Parses and validates a config file's text; `file` names it in messages. */
export function parseMeasureConfig(text: string, file: string): MeasureConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file}`, `is not JSON (${(error as Error).message}); fix the syntax`);
  }
  const validate = loadValidator();
  if (!validate(data)) throw describeSchemaError(validate.errors![0]!, data, file);
  return data;
}

export function readMeasureConfig(file: string): MeasureConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      '--config',
      `cannot read ${JSON.stringify(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a JSON file`,
    );
  }
  return parseMeasureConfig(text, file);
}
