/**
 * Typed cell params, by scenario family. A cell's `params` stay a plain record (the results document
 * writes them as they are, and the reports read them so); each family declares what its cells carry
 * as an interface in its own folder and defines a parser for it here. resolvePlan parses every cell
 * with its family's parser, so a bad or missing param is a UsageError naming the cell and the param
 * before anything starts; a runner reads its cell's params through the accessor the definition
 * returns (`capacityParamsOf(cell)`), typed, without casts.
 */
import { UsageError } from '../cli/usage-error.js';
import type { CellPlan } from './plan.js';

type RawParams = CellPlan['params'];

/** Reads a cell's params one field at a time; a wrong or missing one throws a UsageError naming the cell and the field. */
export class CellParamReader {
  constructor(
    private readonly cellId: string,
    private readonly raw: RawParams,
  ) {}

  fail(field: string, problem: string): never {
    throw new UsageError(`${this.cellId}: param ${field}`, problem);
  }

  private got(field: string): string {
    const value = this.raw[field];
    return value === undefined ? 'nothing' : JSON.stringify(value);
  }

  /** A number from `min` to `max` (an integer with `integer`). */
  number(field: string, range: { min?: number; max?: number; integer?: boolean } = {}): number {
    const value = this.raw[field];
    const { min = 0, max = Number.POSITIVE_INFINITY, integer = true } = range;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      this.fail(field, `must be a number from ${min} to ${max}, got ${this.got(field)}`);
    if (integer && !Number.isInteger(value)) this.fail(field, `must be an integer, got ${this.got(field)}`);
    return value;
  }

  boolean(field: string): boolean {
    const value = this.raw[field];
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${this.got(field)}`);
    return value;
  }

  string(field: string): string {
    const value = this.raw[field];
    if (typeof value !== 'string' || value === '')
      this.fail(field, `must be a non-empty string, got ${this.got(field)}`);
    return value;
  }

  /** One of `allowed`; with `fallback`, that when the param is absent. */
  oneOf<T extends string | number | boolean>(field: string, allowed: readonly T[], fallback?: T): T {
    const value = this.raw[field];
    if (value === undefined && fallback !== undefined) return fallback;
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined)
      this.fail(field, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${this.got(field)}`);
    return found;
  }

  has(field: string): boolean {
    return this.raw[field] !== undefined;
  }
}

/** What a family's parser sees of a cell: its id and params, and what tells its shapes apart. */
export type ParamsCell = Pick<CellPlan, 'id' | 'variant' | 'transport' | 'params' | 'client'> & {
  scenario: Pick<CellPlan['scenario'], 'name' | 'family'>;
};

export type CellParamsParser<T> = (read: CellParamReader, cell: ParamsCell) => T;

/**
 * Why a cell of these params cannot measure this `--target` URL (e.g. a scheme its runner cannot
 * relay), or undefined when it can; resolvePlan skips such a cell instead of it failing mid-run.
 */
export type TargetCheck<T> = (params: T, target: URL) => string | undefined;

interface FamilyParams {
  parse: (cell: ParamsCell) => unknown;
  refuseTarget: (cell: ParamsCell, target: URL) => string | undefined;
}

const families = new Map<string, FamilyParams>();

/**
 * Registers `family`'s params parser (resolvePlan runs it for every cell of the family) and, when
 * some of its cells cannot measure a `--target`, the check that says which; returns the family's
 * typed accessor, which parses a cell of that family (and refuses a cell of another).
 */
export function defineCellParams<T>(
  family: string,
  parse: CellParamsParser<T>,
  targetCheck?: TargetCheck<T>,
): (cell: ParamsCell) => T {
  const accessor = (cell: ParamsCell): T => {
    if (cell.scenario.family !== family)
      throw new Error(`${cell.id} is a ${cell.scenario.family} cell, not a ${family} cell`);
    return parse(new CellParamReader(cell.id, cell.params), cell);
  };
  if (families.has(family)) throw new Error(`params of scenario family ${JSON.stringify(family)} defined twice`);
  families.set(family, {
    parse: accessor,
    refuseTarget: (cell, target) => targetCheck?.(accessor(cell), target),
  });
  return accessor;
}

function definitionOf(cell: ParamsCell): FamilyParams {
  const definition = families.get(cell.scenario.family);
  if (definition === undefined)
    throw new Error(
      `no params defined for scenario family ${JSON.stringify(cell.scenario.family)}: define them with defineCellParams (bench/cell-params.ts)`,
    );
  return definition;
}

/** resolvePlan's check: the cell's params parse as its family's (a UsageError naming the cell and param if not). */
export function checkCellParams(cell: ParamsCell): void {
  definitionOf(cell).parse(cell);
}

/** Why the cell cannot measure its `--target`, or undefined when it can (or has none). */
export function targetRefusal(cell: ParamsCell & Pick<CellPlan, 'target'>): string | undefined {
  return cell.target === undefined ? undefined : definitionOf(cell).refuseTarget(cell, new URL(cell.target));
}
