/**
 * From a comparison to the process exit code. The codes are the harness's (cli/exit-codes.ts):
 * a CI job can tell "a message was lost" from "it got slower" from "the machine was too noisy".
 */
import { EXIT } from '../../cli/exit-codes.js';
import type { Comparison, MetricComparison, Verdict } from './comparison.js';

/** An exit code with the words for it, for the summary headline. */
export interface Outcome {
  exitCode: number;
  label: string;
}

const CORRECTNESS_VERDICTS: ReadonlySet<Verdict> = new Set(['correctness-failure', 'exact-changed']);
const UNDECIDED_VERDICTS: ReadonlySet<Verdict> = new Set(['inconclusive', 'missing']);

/** True for verdicts that fail the build as correctness failures (exit 1). */
export function isCorrectnessVerdict(verdict: Verdict): boolean {
  return CORRECTNESS_VERDICTS.has(verdict);
}

function countWhere(entries: readonly MetricComparison[], test: (verdict: Verdict) => boolean): number {
  return entries.filter((entry) => test(entry.verdict)).length;
}

/**
 * Decides the outcome. Order of precedence: a watchdog stop first (nothing after a hang is
 * trustworthy, and the hang is what to fix), then correctness, then regressions, then, with
 * `strict`, anything left undecided.
 */
export function decideOutcome(comparison: Comparison, options: { strict: boolean; gate?: 'all' | 'exact' }): Outcome {
  const { entries } = comparison;
  if (comparison.watchdogStopped) return { exitCode: EXIT.watchdog, label: 'head run stopped by a watchdog' };
  const broken = countWhere(entries, isCorrectnessVerdict);
  if (broken > 0) return { exitCode: EXIT.correctness, label: `${broken} correctness failure(s)` };
  const regressed = countWhere(entries, (verdict) => verdict === 'regressed');
  // Gating exact metrics only keeps machine noise from ever blocking a merge; regressions still show.
  if (regressed > 0 && options.gate === 'exact')
    return {
      exitCode: EXIT.ok,
      label: `pass on exact metrics; ${regressed} noisy regression(s) reported, not gated`,
    };
  if (regressed > 0) return { exitCode: EXIT.regression, label: `${regressed} regression(s)` };
  const undecided = countWhere(entries, (verdict) => UNDECIDED_VERDICTS.has(verdict));
  if (undecided > 0 && options.strict)
    return { exitCode: EXIT.inconclusive, label: `${undecided} inconclusive or missing (strict)` };
  return { exitCode: EXIT.ok, label: undecided > 0 ? `pass, ${undecided} inconclusive or missing` : 'pass' };
}
