/**
 * Registers the fault family (reconnect-*, long-lived), the client-impl family and the framing
 * family, with their scenarios. bench/all-families.ts imports this once (metric specs: bench/metric-catalogue.ts).
 */
import { registerFamily } from '../families.js';
import '../framing/framing-params.js';
import './client-impl-params.js';
import './fault-params.js';
import { runFramingCell, FRAMING_SCENARIO } from '../framing/run-framing-cell.js';
import { registerScenarios } from '../scenarios.js';
import { CLIENT_IMPL_SCENARIO, runClientImplCell } from './client-impl.js';
import { FAULT_SCENARIOS } from './fault-scenarios.js';
import { runFaultCell } from './run-fault-cell.js';

registerFamily('faults', runFaultCell);
registerFamily('client-impl', runClientImplCell);
registerFamily('framing', runFramingCell);
registerScenarios([...FAULT_SCENARIOS, CLIENT_IMPL_SCENARIO, FRAMING_SCENARIO]);
