/**
 * Registers the capacity family: its cell runner, its scenario and its console table.
 * bench/all-families.ts imports this once (metric specs: bench/metric-catalogue.ts).
 */
import { registerScenarioTables } from '../console-tables.js';
import { registerFamily } from '../families.js';
import './capacity-params.js';
import { registerScenarios } from '../scenarios.js';
import { renderCapacityConsole } from './capacity-console.js';
import { CAPACITY, CAPACITY_FAMILY } from './capacity-scenario.js';
import { runCapacityCell } from './run-capacity-cell.js';

registerFamily(CAPACITY_FAMILY, runCapacityCell);
registerScenarios([CAPACITY]);
registerScenarioTables([CAPACITY.name], renderCapacityConsole);
