/** Registers every scenario family's cell runner; the CLI imports this once. */
import { registerFamily } from './families.js';
import { runStreamCell } from './run-stream-cell.js';

registerFamily('stream', runStreamCell);
