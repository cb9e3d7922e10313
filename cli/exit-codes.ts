/**
 * The exit codes of every entry point (bench, measure, compare, report, verify-wire, bench:micro,
 * the standalone server and the runner's child processes): stable, documented in each --help and
 * in the README's "Exit codes" table. A CI job can tell "a message was lost" from "it got slower"
 * from "the machine was too noisy". Outside bench/ because servers/ and clients/ run standalone and
 * import it too.
 */
export const EXIT = {
  ok: 0,
  /**
   * Lost, duplicated, reordered or corrupted messages, an exact metric changed, or a cell that failed
   * to run (compare: a must-be-zero count above zero, or a cell that failed in head only).
   */
  correctness: 1,
  /** The standalone server could not start (port in use …): the same code as a cell that failed to run. */
  startFailed: 1,
  /** Bad arguments or configuration, unusable input files (wrong results schema included): a UsageError. */
  usage: 2,
  /** compare: a noisy metric regressed beyond its threshold with statistical significance. */
  regression: 3,
  /** A watchdog stopped a hung phase (compare: the head run's figures are partial). */
  watchdog: 4,
  /** compare --strict only: some metric could not be decided (too noisy, too few runs, missing). */
  inconclusive: 5,
  /**
   * A service the run needs could not be reached: the Redis of a distributed run (`--redis`, bench
   * and worker) refused, timed out or is not there. sysexits' EX_UNAVAILABLE, beside its EX_SOFTWARE (70).
   */
  unavailable: 69,
  /** A bug in the harness itself. */
  internal: 70,
  /** Ctrl-C; what was measured is written. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Names in EXIT that share another name's code on purpose, with the name they repeat. */
export const EXIT_ALIASES: Readonly<Partial<Record<keyof typeof EXIT, keyof typeof EXIT>>> = {
  startFailed: 'correctness',
};
