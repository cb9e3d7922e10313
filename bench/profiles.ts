/** Named run lengths. Defaults live here and nowhere else (tinybench style: resolved once). */
export interface Profile {
  name: string;
  description: string;
  repeats: number;
  warmupMs: number;
  durationMs: number;
  /** Only the scenarios marked `inCiProfile`. */
  ciScenariosOnly: boolean;
}

export const PROFILES: Record<string, Profile> = {
  // Fault, proxy, wire and foreign-client cells run their own fixed scripts; these windows apply to
  // the streaming cells. On a 2-core machine: default about 15 minutes, quick about 5.
  default: { name: 'default', description: 'every scenario, 3 interleaved repeats of 1 s warm-up + 3 s measured (about 15 min)', repeats: 3, warmupMs: 1000, durationMs: 3000, ciScenariosOnly: false },
  quick: { name: 'quick', description: 'every scenario once, 0.3 s warm-up + 1 s measured: a smoke test (about 5 min)', repeats: 1, warmupMs: 300, durationMs: 1000, ciScenariosOnly: false },
  // Five repeats: with fewer, a rank test over the runs cannot reach p < 0.05 (see bench/compare).
  ci: { name: 'ci', description: 'the CI cells, 5 interleaved repeats of 0.1 s + 0.5 s: about a minute and a quarter, for regression tracking', repeats: 5, warmupMs: 100, durationMs: 500, ciScenariosOnly: true },
};
