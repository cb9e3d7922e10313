/**
 * What a measure cell is in a results document: the harness's CellResult plus `measure` details
 * (how streams ended, resume reports). Kept free of runtime dependencies so that reports, which
 * only read results, can ask "is this a measure cell?" without loading the measuring code.
 */
import type { CellResult } from '../results.js';
import type { MeasureWorkload } from './measure-options.js';
import type { ResumeReport } from './resume-verdict.js';

export const MEASURE_SCENARIO = 'measure';
export const MEASURE_FAMILY = 'measure';

/** What a measure cell adds to CellResult: how its streams ended, and resume reports, per repeat. */
export interface MeasureCellDetails {
  url: string;
  protocol: MeasureWorkload['protocol'];
  preset?: string;
  latencyField?: string;
  endMarker?: string;
  resume: (ResumeReport & { repeat: number })[];
  /** One example message per error category seen, so a reader sees what went wrong. */
  errorExamples: Record<string, string>;
}

export type MeasureCellResult = CellResult & { measure: MeasureCellDetails };

export function isMeasureCell(cell: CellResult): cell is MeasureCellResult {
  return cell.scenario === MEASURE_SCENARIO && typeof (cell as Partial<MeasureCellResult>).measure === 'object';
}
