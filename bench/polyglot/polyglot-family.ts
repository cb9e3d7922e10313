/**
 * The `polyglot` family: registers its console rows and cell runner (bench/all-families.ts imports
 * this module once). Its metric specs are in bench/metric-catalogue.ts.
 */
import { registerConsoleMetrics } from '../console-tables.js';
import { registerFamily } from '../families.js';
import './polyglot-params.js';
import { BROWSER_SCENARIO, POLYGLOT_FAMILY } from './polyglot-scenarios.js';
import { runBrowserCell } from './run-browser-cell.js';
import { runForeignCell } from './run-foreign-cell.js';

registerFamily(POLYGLOT_FAMILY, (cell, abort) =>
  cell.scenario.name === BROWSER_SCENARIO ? runBrowserCell(cell, abort) : runForeignCell(cell, abort),
);
// Whether a client worked is the polyglot cells' headline; page errors are info, which the console
// would otherwise leave out.
registerConsoleMetrics(['client_works', 'page_errors_count']);
