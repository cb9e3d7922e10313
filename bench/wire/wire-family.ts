/**
 * Registers the wire family (scenarios wire, wire-ci, compression, upstream): its cell runner, its
 * scenarios and its console tables. bench/all-families.ts imports this once (metric specs: bench/metric-catalogue.ts).
 */
import { registerScenarioTables } from '../console-tables.js';
import { registerFamily } from '../families.js';
import './wire-params.js';
import { registerScenarios } from '../scenarios.js';
import { runWireCell } from './run-wire-cell.js';
import { renderWireScenarioTables } from './wire-console-tables.js';
import { WIRE_SCENARIOS } from './wire-scenarios.js';

registerFamily('wire', runWireCell);
registerScenarios(WIRE_SCENARIOS);
registerScenarioTables(
  WIRE_SCENARIOS.map((scenario) => scenario.name),
  renderWireScenarioTables,
);
