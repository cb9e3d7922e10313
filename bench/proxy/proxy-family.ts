/** Registers the proxy family: its scenarios and its cell runner (one import in all-families.ts); its metric specs are in bench/metric-catalogue.ts. */
import { registerFamily } from '../families.js';
import './proxy-params.js';
import { registerScenarios } from '../scenarios.js';
import { PROXY_SCENARIOS } from './proxy-scenarios.js';
import { runProxyCell } from './run-proxy-cell.js';

registerScenarios(PROXY_SCENARIOS);
registerFamily('proxy', runProxyCell);
