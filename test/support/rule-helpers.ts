/**
 * Helpers for the claim-rule tests: read a row's verdict, and change one figure of the fixture
 * document (in every repeat and in the cell's summary, as a real run would have recorded it) so
 * a test can show that the verdict follows the figure.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { evaluateClaims, type ClaimRow, type VerdictKind } from '../../reports/claims.js';
import { buildSyntheticCell, type SyntheticCellSpec } from './report-fixtures.js';
import { okRuns } from '../../reports/results-query.js';

export function rowOf(doc: ResultsDocument, id: string): ClaimRow {
  const row = evaluateClaims(doc).find((r) => r.id === id);
  if (row === undefined) throw new Error(`no row for ${id}`);
  return row;
}

export function verdictOf(doc: ResultsDocument, id: string): VerdictKind {
  return rowOf(doc, id).verdict.kind;
}

/** The verdict as one string (detail or condition), for matching its wording. */
export function verdictTextOf(doc: ResultsDocument, id: string): string {
  const verdict = rowOf(doc, id).verdict;
  switch (verdict.kind) {
    case 'supported':
    case 'refuted':
      return verdict.detail;
    case 'depends':
      return verdict.condition;
    case 'not-measured':
      return verdict.reason;
  }
}

export function findCell(doc: ResultsDocument, id: string): CellResult {
  const cell = doc.cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no cell ${id} in the fixture`);
  return cell;
}

/** Sets `metric` to `value` in every successful repeat of the cell and in its summary (no spread). */
export function setFigure(doc: ResultsDocument, cellId: string, metric: string, value: number): void {
  const cell = findCell(doc, cellId);
  const runs = okRuns(cell);
  for (const run of runs) run.metrics[metric] = value;
  cell.summary[metric] = { median: value, min: value, max: value, spreadPct: 0, n: runs.length };
}

/** Marks a scenario skipped in the plan, as `--scenario` without it would. */
export function skipScenario(doc: ResultsDocument, scenario: string): ResultsDocument {
  doc.plan.skippedScenarios.push(scenario);
  return doc;
}

export function withCells(doc: ResultsDocument, specs: readonly SyntheticCellSpec[]): ResultsDocument {
  return { ...doc, cells: [...doc.cells, ...specs.map(buildSyntheticCell)] };
}

/** Swaps the given metrics' summaries between the SSE and WS cells of a scenario. */
export function swapTransportFigures(doc: ResultsDocument, scenario: string, metrics: readonly string[]): void {
  const cells = doc.cells.filter((cell) => cell.scenario === scenario);
  for (const sse of cells.filter((cell) => cell.transport === 'sse')) {
    const ws = cells.find(
      (cell) => cell.transport === 'ws' && JSON.stringify(cell.params) === JSON.stringify(sse.params),
    );
    if (ws === undefined) continue;
    for (const metric of metrics)
      [sse.summary[metric], ws.summary[metric]] = [ws.summary[metric]!, sse.summary[metric]!];
  }
}
