/**
 * The `polyglot` family: registers its scenarios, metrics and cell runner (bench/all-families.ts
 * imports this module once).
 */
import { registerFamily } from '../families.js';
import './polyglot-metrics.js';
import { BROWSER_SCENARIO, POLYGLOT_FAMILY } from './polyglot-scenarios.js';
import { runBrowserCell } from './run-browser-cell.js';
import { runForeignCell } from './run-foreign-cell.js';

registerFamily(POLYGLOT_FAMILY, (cell, abort) => (cell.scenario.name === BROWSER_SCENARIO ? runBrowserCell(cell, abort) : runForeignCell(cell, abort)));
