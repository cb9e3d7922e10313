/**
 * The same claim measured on other layers: beside the plain HTTP/1.1 pair a verdict rests on, the
 * cells of the same condition over TLS and HTTP/2 (whatever the registry holds and the run measured),
 * shown figure for figure, and a note in the verdict saying which layer it rests on.
 */
import type { CellResult } from '../../bench/results.js';
import { COMPARED_FAMILIES, type ComparedFamily } from '../../transports/families.js';
import { familyOf } from '../../transports/registry.js';
import { TRANSPORT_LABELS, type TransportPair } from '../results-query.js';
import { describeLabelledFigures, type FigureSpec } from './figures.js';
import type { Verdict } from './rule.js';
import { appendToVerdict } from './rule.js';

/** The condition's best-practice cells of the side's family on other transports than the pair's own. */
export function layerCells(pair: TransportPair, side: ComparedFamily): CellResult[] {
  return pair.condition.cells.filter(
    (cell) =>
      cell.transport !== pair[side].transport && cell.variant === cell.transport && familyOf(cell.transport) === side,
  );
}

/** One figure line per other-layer cell: `steady SSE (HTTP/2): p50 …`. */
export function describeLayers(
  pairs: readonly TransportPair[],
  side: ComparedFamily,
  specs: readonly FigureSpec[],
): string[] {
  return pairs.flatMap((pair) =>
    layerCells(pair, side).map((cell) =>
      describeLabelledFigures(`${pair.label} ${TRANSPORT_LABELS[cell.transport]}`, cell, specs),
    ),
  );
}

/** Says the verdict rests on the plain pair when other layers were measured beside it. */
export function noteLayers(verdict: Verdict, pairs: readonly TransportPair[]): Verdict {
  const others = new Set(
    pairs
      .flatMap((pair) => COMPARED_FAMILIES.flatMap((side) => layerCells(pair, side)))
      .map((cell) => TRANSPORT_LABELS[cell.transport]),
  );
  if (others.size === 0) return verdict;
  return appendToVerdict(verdict, `rests on the plain HTTP/1.1 cells; ${[...others].join(', ')} shown beside`);
}
