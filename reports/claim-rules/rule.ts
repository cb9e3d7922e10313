/**
 * The shape of a claim rule: the claim, the scenarios whose results decide it, the rule in words
 * (shown in the report beside the verdict, so a reader can check the verdict by hand) and the code
 * that applies it. A verdict is never typed in: it is always computed by `evaluate`.
 */
import type { ResultsDocument } from '../../bench/results.js';

/** The four answers a claim can get. */
export type Verdict =
  | { kind: 'supported'; detail: string }
  | { kind: 'refuted'; detail: string }
  | { kind: 'depends'; condition: string }
  | { kind: 'not-measured'; reason: string; wouldMeasure: string; sources?: string[] };

export type VerdictKind = Verdict['kind'];

/**
 * The one figure a verdict rests on, per transport, short enough for a cell of the report's first
 * table (`steady p50 425 µs`, `211 lines`): the full figures stay in `sse` and `ws`.
 */
export interface Headline {
  sse: string;
  ws: string;
}

/** What a rule found: the figures it looked at, per transport, and its verdict. */
export interface ClaimEvaluation {
  /** One entry per condition, e.g. `steady: p50 812 µs ±4% · p99 1.9 ms ±8%`. */
  sse: string[];
  ws: string[];
  verdict: Verdict;
  /** Set by every rule that measured something; absent when nothing was. */
  headline?: Headline;
}

export interface ClaimRule {
  /** The stable ID from claims.md, e.g. `WS-2`. */
  id: string;
  /** The claim in short English. */
  claim: string;
  /** The claim in a few words, for the verdict table: `Full duplex`. */
  title: string;
  /** Scenarios (a trailing `*` matches a prefix) the verdict is computed from. */
  scenarios: readonly string[];
  /** `all`: every scenario must have run; `any`: one is enough (the rule uses what it finds). */
  needs: 'all' | 'any';
  /** Scenarios shown for context when present (the TCP floor, say) but not needed for the verdict. */
  contextScenarios?: readonly string[];
  /** The rule in words, printed beside the verdict. */
  ruleText: string;
  /** What would measure the claim, printed when it was not measured. */
  wouldMeasure: string;
  /** Applies the rule; called only when the needed scenarios ran. */
  evaluate(doc: ResultsDocument): ClaimEvaluation;
}

/** A "not measured" answer from inside a rule: the scenario ran but lacked what the rule needs. */
export function notMeasured(
  reason: string,
  wouldMeasure: string,
  figures: { sse?: string[]; ws?: string[] } = {},
): ClaimEvaluation {
  return { sse: figures.sse ?? [], ws: figures.ws ?? [], verdict: { kind: 'not-measured', reason, wouldMeasure } };
}

/** The verdict with `note` after it (` — note`): context a rule adds to what it decided. */
export function appendToVerdict(verdict: Verdict, note: string | undefined): Verdict {
  if (note === undefined) return verdict;
  switch (verdict.kind) {
    case 'supported':
    case 'refuted':
      return { ...verdict, detail: `${verdict.detail} — ${note}` };
    case 'depends':
      return { ...verdict, condition: `${verdict.condition} — ${note}` };
    case 'not-measured':
      return verdict;
  }
}

/** An evaluation with `note` appended to its verdict. */
export function appendToEvaluation(evaluation: ClaimEvaluation, note: string | undefined): ClaimEvaluation {
  return { ...evaluation, verdict: appendToVerdict(evaluation.verdict, note) };
}
