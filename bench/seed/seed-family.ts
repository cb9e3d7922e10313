/**
 * The `seed-stack` family: registers its scenario and cell runner (bench/all-families.ts imports this
 * module once; its metric specs are in bench/metric-catalogue.ts, from seed-metrics.ts).
 */
import { registerConsoleMetrics } from '../console-tables.js';
import { registerFamily, type CellRunner } from '../families.js';
import './seed-params.js';
import { registerScenarios } from '../scenarios.js';
import { runAhcCell } from './run-ahc-cell.js';
import { runDevProxyCell } from './run-dev-proxy-cell.js';
import { runJavaStreamCell } from './run-java-stream-cell.js';
import { runPythonCell } from './run-python-cell.js';
import { runTimeoutCell } from './run-timeout-cell.js';
import { findSeedCell, SEED_FAMILY, SEED_SCENARIO_SPEC } from './seed-scenarios.js';

export const runSeedCell: CellRunner = (cell, abort) => {
  const seed = findSeedCell(cell.variant);
  switch (seed.kind) {
    case 'timeouts':
      return runTimeoutCell(cell, abort);
    case 'ahc':
      return runAhcCell(cell, seed, abort);
    case 'python':
      return runPythonCell(cell, seed, abort);
    case 'dev-proxy':
      return runDevProxyCell(cell, seed, abort);
    case 'java-stream':
      return runJavaStreamCell(cell, abort);
  }
};

registerFamily(SEED_FAMILY, runSeedCell);
registerScenarios([SEED_SCENARIO_SPEC]);
registerConsoleMetrics([
  'emitter_default_cut_ms',
  'ahc_article_lost_or_mangled',
  'ahc_spec_lost',
  'cases_lost',
  'cases_mangled',
  'dev_first_event_ms',
  'dev_event_spread_ms',
]);
