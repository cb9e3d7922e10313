/**
 * How an entry point ends: with the exit code its main resolved to, or, when it threw, with the
 * stack on stderr and EXIT.internal, after `cleanUp` (ending child processes, say).
 */
import { EXIT } from './exit-codes.js';

export function exitWhenDone(main: Promise<number>, cleanUp: () => void = () => undefined): void {
  main.then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`internal error: ${(err as Error).stack ?? String(err)}\n`);
      cleanUp();
      process.exit(EXIT.internal);
    },
  );
}
