/**
 * The claims table: one row per claim in claims.md, each with the figures its rule compared and a
 * verdict computed from the results. A rule only runs when the scenarios it needs ran; otherwise the
 * row says which scenario was not run, so a partial run can never show a stale verdict.
 *
 * The rules are the one mapping between claims and scenarios: a scenario answers the claims whose
 * rule reads it (`scenarios`, or `contextScenarios` it shows beside them). `claimsAnsweredBy`
 * derives the other direction for `--list` and the scenario pages; scenarios do not list claims.
 */
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { CLAIM_RULES } from './claim-rules/index.js';
import type { ClaimEvaluation, ClaimRule, Headline, Verdict, VerdictKind } from './claim-rules/rule.js';
import {
  matchesScenario,
  okRuns,
  ranCellsOf,
  scenarioStatus,
  skippedScenariosOf,
  type ScenarioStatus,
} from './results-query.js';

export type { ClaimRule, Headline, Verdict, VerdictKind } from './claim-rules/rule.js';
export { CLAIM_RULES } from './claim-rules/index.js';

export interface ClaimRow {
  id: string;
  claim: string;
  /** The claim in a few words. */
  title: string;
  /** The one figure per transport the verdict rests on; `—` when nothing was measured. */
  headline: Headline;
  /** The scenarios the rule reads, each with `(not run)` when it did not run. */
  scenarios: string[];
  ruleText: string;
  sse: string[];
  ws: string[];
  verdict: Verdict;
  /** Things that weaken the figures: a saturated client. */
  caveats: string[];
}

/** Evaluates every rule against the document, in claims.md order. */
export function evaluateClaims(doc: ResultsDocument, rules: readonly ClaimRule[] = CLAIM_RULES): ClaimRow[] {
  return rules.map((rule) => evaluateClaim(doc, rule));
}

const NO_HEADLINE: Headline = { sse: '—', ws: '—' };

/** The IDs of the claims whose rule reads this scenario (to decide or for context), in claims.md order. */
export function claimsAnsweredBy(scenario: string, rules: readonly ClaimRule[] = CLAIM_RULES): string[] {
  return rules.filter((rule) => readsScenario(rule, scenario)).map((rule) => rule.id);
}

export function evaluateClaim(doc: ResultsDocument, rule: ClaimRule): ClaimRow {
  const missing = findMissingScenarios(doc, rule);
  const evaluation: ClaimEvaluation =
    missing === undefined
      ? rule.evaluate(doc)
      : {
          sse: [],
          ws: [],
          verdict: { kind: 'not-measured', reason: missing, wouldMeasure: rule.wouldMeasure } as const,
        };
  return {
    id: rule.id,
    claim: rule.claim,
    title: rule.title,
    headline: evaluation.headline ?? NO_HEADLINE,
    scenarios: describeRuleScenarios(doc, rule),
    ruleText: rule.ruleText,
    sse: evaluation.sse,
    ws: evaluation.ws,
    verdict: evaluation.verdict,
    caveats: missing === undefined ? collectCaveats(doc, rule) : [],
  };
}

/** Why the rule cannot run, or undefined when the scenarios it needs ran. */
function findMissingScenarios(doc: ResultsDocument, rule: ClaimRule): string | undefined {
  if (rule.scenarios.length === 0) return undefined;
  const statuses = rule.scenarios.map((pattern) => ({ pattern, status: scenarioStatus(doc, pattern) }));
  const ran = statuses.filter(({ status }) => status.kind === 'ran');
  const satisfied = rule.needs === 'any' ? ran.length > 0 : ran.length === statuses.length;
  if (satisfied) return undefined;
  return statuses
    .filter(({ status }) => status.kind !== 'ran')
    .map(({ pattern, status }) => describeMissing(pattern, status))
    .join('; ');
}

function describeMissing(pattern: string, status: ScenarioStatus): string {
  switch (status.kind) {
    case 'skipped':
      return `scenario ${pattern} was not run (skipped in this plan)`;
    case 'absent':
      return `scenario ${pattern} was not run`;
    case 'all-failed':
      return `scenario ${pattern} ran but every repeat failed (see Errors)`;
    case 'ran':
      return `scenario ${pattern} ran`;
  }
}

/**
 * `steady, fan-out (not run), tcp-floor`; a pattern lists the scenarios it matched, then those of
 * its matches the plan skipped, so a partly run family says which members are missing.
 */
function describeRuleScenarios(doc: ResultsDocument, rule: ClaimRule): string[] {
  const names = [...rule.scenarios, ...(rule.contextScenarios ?? [])].flatMap((pattern) => {
    const status = scenarioStatus(doc, pattern);
    if (status.kind === 'skipped' || status.kind === 'absent') return [`${pattern} (not run)`];
    const ran = [...new Set(status.cells.map((cell) => cell.scenario))];
    const described = status.kind === 'all-failed' ? ran.map((name) => `${name} (all repeats failed)`) : ran;
    return [...described, ...skippedScenariosOf(doc, pattern).map((name) => `${name} (not run)`)];
  });
  return [...new Set(names)];
}

function readsScenario(rule: ClaimRule, scenario: string): boolean {
  return [...rule.scenarios, ...(rule.contextScenarios ?? [])].some((pattern) => matchesScenario(scenario, pattern));
}

function collectCaveats(doc: ResultsDocument, rule: ClaimRule): string[] {
  const cells = [...rule.scenarios, ...(rule.contextScenarios ?? [])].flatMap((pattern) => ranCellsOf(doc, pattern));
  return describeSaturatedClients(cells);
}

/** A saturated client measured itself, not the transport: every claim built on it must say so. */
function describeSaturatedClients(cells: readonly CellResult[]): string[] {
  return cells.flatMap((cell) => {
    const saturated = okRuns(cell).filter((run) =>
      run.warnings.some((warning) => warning.startsWith('client-saturated')),
    ).length;
    return saturated === 0
      ? []
      : [
          `client saturated in ${cell.id} (${saturated} of ${okRuns(cell).length} repeats): that figure may measure the client`,
        ];
  });
}

const VERDICT_LABELS: Record<VerdictKind, string> = {
  supported: 'supported',
  refuted: 'refuted',
  depends: 'depends',
  'not-measured': 'not measured here',
};

export function describeVerdictKind(kind: VerdictKind): string {
  return VERDICT_LABELS[kind];
}

/** The verdict's label and what follows it: `supported` + `: …`, `depends` + ` on the parser: …`. */
export function splitVerdict(verdict: Verdict): { label: string; explanation: string } {
  const label = VERDICT_LABELS[verdict.kind];
  switch (verdict.kind) {
    case 'supported':
    case 'refuted':
      return { label, explanation: `: ${verdict.detail}` };
    case 'depends':
      return {
        label,
        explanation: verdict.condition.startsWith('on ') ? ` ${verdict.condition}` : `: ${verdict.condition}`,
      };
    case 'not-measured': {
      const sources = verdict.sources === undefined ? '' : ` (support data: ${verdict.sources.join(', ')})`;
      return { label, explanation: `: ${verdict.reason}${sources}. What would measure it: ${verdict.wouldMeasure}` };
    }
  }
}

/** The verdict as one sentence: `depends on the parser: …`. */
export function describeVerdict(verdict: Verdict): string {
  const { label, explanation } = splitVerdict(verdict);
  return `${label}${explanation}`;
}

/** How many claims got each verdict, for the summary. */
export function countVerdicts(rows: readonly ClaimRow[]): Record<VerdictKind, number> {
  const counts: Record<VerdictKind, number> = { supported: 0, refuted: 0, depends: 0, 'not-measured': 0 };
  for (const row of rows) counts[row.verdict.kind] += 1;
  return counts;
}
