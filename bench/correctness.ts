/** Correctness gate of a run: counts that must be zero, and runs that failed outright. */
import { resolveMetricSpec } from './metric-catalogue.js';
import type { ResultsDocument } from './results.js';

export interface Violation {
  cell: string;
  repeat: number;
  what: string;
}

export function findViolations(doc: ResultsDocument): Violation[] {
  const violations: Violation[] = [];
  for (const cell of doc.cells) {
    for (const run of cell.runs) {
      if (run.status === 'failed')
        violations.push({ cell: cell.id, repeat: run.repeat, what: `failed: ${run.error?.category}` });
      for (const [name, value] of Object.entries(run.metrics)) {
        if (resolveMetricSpec(name, [doc.metricSpecs])?.mustBeZero && value > 0)
          violations.push({ cell: cell.id, repeat: run.repeat, what: `${name} = ${value}` });
      }
    }
  }
  return violations;
}
