/**
 * Boundary validation for faults and schedule steps: callers pass loose data (a scenario file, a
 * CLI flag), and every mistake is reported with the field that is wrong and the value received,
 * e.g. "fault.sliceBytes must be an integer >= 1, got 0". Defaults are filled in one place here.
 */
import { FAULT_KINDS, type Fault, type FaultDirection, type FaultKind, type ScheduleStep } from './fault-types.js';

/** A fault or schedule step that cannot be used; the message names the field. */
export class FaultConfigError extends Error {
  override readonly name = 'FaultConfigError';
  /** Stable category, as in bench/results.ts ErrorCategory. */
  readonly category = 'config';
}

/** Toxiproxy applies toxics downstream unless told otherwise; so does this proxy. */
export const DEFAULT_FAULT_DIRECTION: FaultDirection = 'down';

const DIRECTIONS: readonly FaultDirection[] = ['up', 'down', 'both'];

type Fields = Record<string, unknown>;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function requireObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultConfigError(`${path} must be an object, got ${describe(value)}`);
  }
  return value as Fields;
}

function readInteger(fields: Fields, name: string, path: string, min: number, fallback?: number): number {
  const value = fields[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new FaultConfigError(`${path}.${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

function readNumber(fields: Fields, name: string, path: string, min: number, fallback?: number): number {
  const value = fields[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new FaultConfigError(`${path}.${name} must be a finite number >= ${min}, got ${describe(value)}`);
  }
  return value;
}

function readPositive(fields: Fields, name: string, path: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new FaultConfigError(`${path}.${name} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/** Validates a direction; `path` names the field itself, e.g. "fault.direction". */
export function validateDirection(value: unknown, path: string): FaultDirection {
  if (!DIRECTIONS.includes(value as FaultDirection)) {
    throw new FaultConfigError(`${path} must be one of ${DIRECTIONS.join(', ')}, got ${describe(value)}`);
  }
  return value as FaultDirection;
}

function readDirection(fields: Fields, path: string): FaultDirection {
  return validateDirection(fields['direction'] ?? DEFAULT_FAULT_DIRECTION, `${path}.direction`);
}

/** Reads a fault kind; exported so `clear` steps and `clearFault` share the message. */
export function validateFaultKind(value: unknown, path: string): FaultKind {
  if (!FAULT_KINDS.includes(value as FaultKind)) {
    throw new FaultConfigError(`${path} must be one of ${FAULT_KINDS.join(', ')}, got ${describe(value)}`);
  }
  return value as FaultKind;
}

function readOffsets(fields: Fields, path: string): readonly number[] | undefined {
  const value = fields['atOffsets'];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    throw new FaultConfigError(`${path}.atOffsets must be a non-empty array of stream offsets, got ${describe(value)}`);
  }
  value.forEach((offset: unknown, i) => {
    const previous = i === 0 ? 0 : (value[i - 1] as number);
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset <= previous) {
      throw new FaultConfigError(
        `${path}.atOffsets[${i}] must be an integer > ${previous} (strictly increasing), got ${describe(offset)}`,
      );
    }
  });
  return [...(value as number[])];
}

function validateSlice(fields: Fields, path: string, direction: FaultDirection): Fault {
  const sliceBytes = fields['sliceBytes'] === undefined ? undefined : readInteger(fields, 'sliceBytes', path, 1);
  const atOffsets = readOffsets(fields, path);
  if (sliceBytes === undefined && atOffsets === undefined) {
    throw new FaultConfigError(`${path} of kind slice needs sliceBytes or atOffsets, got neither`);
  }
  const sliceDelayMs = readNumber(fields, 'sliceDelayMs', path, 0, 0);
  return {
    kind: 'slice',
    direction,
    sliceDelayMs,
    ...(sliceBytes === undefined ? {} : { sliceBytes }),
    ...(atOffsets === undefined ? {} : { atOffsets }),
  };
}

/** Validates loose input into a complete Fault, filling defaults; throws FaultConfigError. */
export function validateFault(input: unknown, path = 'fault'): Fault {
  const fields = requireObject(input, path);
  const kind = validateFaultKind(fields['kind'], `${path}.kind`);
  if (kind === 'refuse') return { kind };
  const direction = readDirection(fields, path);
  switch (kind) {
    case 'latency':
      return {
        kind,
        direction,
        latencyMs: readNumber(fields, 'latencyMs', path, 0),
        jitterMs: readNumber(fields, 'jitterMs', path, 0, 0),
      };
    case 'bandwidth':
      return { kind, direction, bytesPerSec: readPositive(fields, 'bytesPerSec', path) };
    case 'slice':
      return validateSlice(fields, path, direction);
    case 'reset':
      return {
        kind,
        direction,
        afterBytes: readInteger(fields, 'afterBytes', path, 0, 0),
        delayMs: readNumber(fields, 'delayMs', path, 0, 0),
      };
    case 'blackhole':
      return { kind, direction };
    case 'slow-close':
      return { kind, direction, closeDelayMs: readNumber(fields, 'closeDelayMs', path, 0) };
    case 'truncate':
      return { kind, direction, afterBytes: readInteger(fields, 'afterBytes', path, 0) };
    case 'idle-timeout':
      return { kind, direction, idleMs: readPositive(fields, 'idleMs', path) };
  }
}

/** Validates one schedule step; exactly one of `set`, `clear` or `resetAll` must be present. */
export function validateScheduleStep(input: unknown, path: string): ScheduleStep {
  const fields = requireObject(input, path);
  const atMs = readNumber(fields, 'atMs', path, 0);
  const actions = ['set', 'clear', 'resetAll'].filter((name) => fields[name] !== undefined);
  if (actions.length !== 1) {
    throw new FaultConfigError(
      `${path} must have exactly one of set, clear, resetAll; got ${actions.length === 0 ? 'none' : actions.join(', ')}`,
    );
  }
  if (fields['set'] !== undefined) return { atMs, set: validateFault(fields['set'], `${path}.set`) };
  if (fields['resetAll'] !== undefined) {
    if (fields['resetAll'] !== true)
      throw new FaultConfigError(`${path}.resetAll must be true, got ${describe(fields['resetAll'])}`);
    return { atMs, resetAll: true };
  }
  const clear = validateFaultKind(fields['clear'], `${path}.clear`);
  return fields['direction'] === undefined ? { atMs, clear } : { atMs, clear, direction: readDirection(fields, path) };
}
