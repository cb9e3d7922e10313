/** The runner's and the compare's exit codes: stable, documented in --help and the README. */
export const EXIT = {
  ok: 0,
  /** Lost, duplicated, reordered or corrupted messages, or a cell that failed to run. */
  correctness: 1,
  usage: 2,
  regression: 3,
  /** A watchdog stopped a hung phase. */
  watchdog: 4,
  /** compare --strict only: too noisy to decide. */
  inconclusive: 5,
  internal: 70,
  interrupted: 130,
} as const;
