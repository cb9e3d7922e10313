/**
 * Registers the many-streams family: its cell runner, its scenario and its console table.
 * bench/all-families.ts imports this once (metric specs: bench/metric-catalogue.ts).
 */
import { registerScenarioTables } from '../console-tables.js';
import { registerFamily } from '../families.js';
import './many-streams-params.js';
import { registerScenarios } from '../scenarios.js';
import { renderManyStreamsConsole } from './many-streams-console.js';
import { MANY_STREAMS, MANY_STREAMS_FAMILY } from './many-streams-scenario.js';
import { runManyStreamsCell } from './run-many-streams-cell.js';

registerFamily(MANY_STREAMS_FAMILY, runManyStreamsCell);
registerScenarios([MANY_STREAMS]);
registerScenarioTables([MANY_STREAMS.name], renderManyStreamsConsole);
