import { describe, expect, it } from 'vitest';
import type { CellResult } from '../bench/results.js';
import { collectCellWarnings } from './cell-warnings.js';
import { setFigure } from '../test/support/rule-helpers.js';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';

function warningsOf(cell: CellResult): string[] {
  return collectCellWarnings(cell, 3, buildFixtureDocument().metricSpecs);
}

function cellOf(id: string, doc = buildFixtureDocument()): CellResult {
  const cell = doc.cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(`no cell ${id}`);
  return cell;
}

describe('cell warnings: refusals and survived errors', () => {
  it('says a blocked page was refused as its cell expects, not that it survived an error', () => {
    const warnings = warningsOf(cellOf('browser/sse-cross-origin-no-cors'));
    expect(warnings).toContain(
      'refused in 3 of 3 repeats, as the cell expects: the refusal is its result, not an error it survived (connect ×3)',
    );
    expect(warnings.join('\n')).not.toMatch(/errors the client survived/);
  });

  it('flags a refusal the cell did not expect', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'browser/ws-cross-origin-origin-checked', 'unexpected_outcome_count', 1);
    expect(warningsOf(cellOf('browser/ws-cross-origin-origin-checked', doc))).toContain(
      'refused in 3 of 3 repeats, which the cell did not expect (close:1006 ×3)',
    );
  });

  it('leaves a refusal with no recorded expectation (nginx refusing WS) to the claims table', () => {
    expect(warningsOf(cellOf('proxy-nginx/ws-default'))).toContain(
      "refused in 3 of 3 repeats, the refusal is this cell's result (judged in the claims table), not an error it survived (http-status ×3)",
    );
  });

  it('still reports the errors a working client survived, such as the resets of a fault', () => {
    expect(warningsOf(cellOf('reconnect-reset/sse-resume'))).toContain('errors the client survived: reset ×30');
    const doc = buildFixtureDocument();
    setFigure(doc, 'browser/sse-cross-origin-no-cors', 'client_works', 1);
    expect(warningsOf(cellOf('browser/sse-cross-origin-no-cors', doc))).toContain(
      'errors the client survived: connect ×3',
    );
  });
});
