/** Registers the proxy family: its scenarios, its cell runner and its metrics (one import in all-families.ts). */
import { registerFamily } from '../families.js';
import { registerScenarios } from '../scenarios.js';
import './proxy-metrics.js';
import { PROXY_SCENARIOS } from './proxy-scenarios.js';
import { runProxyCell } from './run-proxy-cell.js';

registerScenarios(PROXY_SCENARIOS);
registerFamily('proxy', runProxyCell);
