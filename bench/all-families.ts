/** Registers every scenario family's cell runner; the CLI imports this once. */
import './capacity/capacity-family.js';
import { registerFamily } from './families.js';
import './micro/micro-params.js';
import './faults/fault-family.js';
import './many-streams/many-streams-family.js';
import { runMicroCell } from './micro/run-micro-cell.js';
import './polyglot/polyglot-family.js';
import './proxy/proxy-family.js';
import { runStreamCell } from './run-stream-cell.js';
import './seed/seed-family.js';
import { withJavaServer } from './seed/run-java-stream-cell.js';
import './wire/wire-family.js';

registerFamily('stream', withJavaServer(runStreamCell));
registerFamily('micro', runMicroCell);
