/** Named run lengths. Defaults live here and nowhere else (tinybench style: resolved once). */
export interface Profile {
  name: string;
  /** One line for --help, with the run's length on a 2-core machine. */
  description: string;
  repeats: number;
  warmupMs: number;
  durationMs: number;
  /**
   * Which cells run when no --scenario is given: every cell (`all`), the share of each scenario its
   * claims' verdicts rest on (`default`: Scenario.inDefaultProfile), or the CI cells (`ci`:
   * inCiProfile and ciVariants). A scenario named with --scenario runs the same share of itself.
   */
  cells: 'all' | 'default' | 'ci';
}

export const PROFILES: Record<string, Profile> = {
  // Fault, proxy, wire and foreign-client cells run their own fixed scripts; these windows apply to
  // the streaming cells (and the proxy and foreign-client cells, which stream for one window).
  // Lengths measured end to end (npm run bench, report included) on a shared 2-core machine.
  default: {
    name: 'default',
    description: "the cells every claim's verdict rests on, once, 0.5 s warm-up + 1 s measured (about 3 min)",
    repeats: 1,
    warmupMs: 500,
    durationMs: 1000,
    cells: 'default',
  },
  full: {
    name: 'full',
    description: 'every cell of every scenario, 3 interleaved repeats of 1 s warm-up + 3 s measured (about 27 min)',
    repeats: 3,
    warmupMs: 1000,
    durationMs: 3000,
    cells: 'all',
  },
  quick: {
    name: 'quick',
    description: 'every cell once, 0.3 s warm-up + 1 s measured: a smoke test of every cell (about 8 min)',
    repeats: 1,
    warmupMs: 300,
    durationMs: 1000,
    cells: 'all',
  },
  // Five repeats: with fewer, a rank test over the runs cannot reach p < 0.05 (see bench/compare).
  ci: {
    name: 'ci',
    description:
      'the CI cells, 5 interleaved repeats of 0.1 s + 0.5 s: about a minute and a quarter, for regression tracking',
    repeats: 5,
    warmupMs: 100,
    durationMs: 500,
    cells: 'ci',
  },
};
