/** Registers every scenario family's cell runner; the CLI imports this once. */
import { registerFamily } from './families.js';
import { runMicroCell } from './micro/run-micro-cell.js';
import { runStreamCell } from './run-stream-cell.js';

registerFamily('stream', runStreamCell);
registerFamily('micro', runMicroCell);
