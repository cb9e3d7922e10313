/**
 * The one error every entry point throws on purpose when the user gave something it cannot use: an
 * unknown or malformed option, a value out of range, a missing or unreadable file, a results
 * document of another schema. Each CLI catches it, prints its message and exits with EXIT.usage
 * (cli/exit-codes.ts); the message names what was wrong and the fix. Outside bench/ because
 * servers/ and clients/ run standalone and throw it too.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Should one escape into a cell's errors, it counts as a configuration error there. */
  readonly category = 'config';
  /** The option or field at fault (`--duration-ms`, `config.json: workloads[0].rate`), when one is named. */
  readonly field: string | undefined;

  /** `new UsageError(message)`, or `new UsageError(field, problem)` for the message `field: problem`. */
  constructor(message: string);
  constructor(field: string, problem: string);
  constructor(first: string, problem?: string) {
    super(problem === undefined ? first : `${first}: ${problem}`);
    this.field = problem === undefined ? undefined : first;
  }
}
