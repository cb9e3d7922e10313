/**
 * The first screen of every report: one row per claim (ID, the claim in a few words, the verdict,
 * the one figure it rests on for SSE and for WS), and the few charts that decide the most claims.
 */
import type { ChartModel } from './charts/chart-model.js';
import { CLAIM_RULES, describeVerdictKind, type ClaimRow, type ClaimRule } from './claims.js';
import { matchesScenario } from './results-query.js';

/** How many charts the first screen shows beside the verdict grid. */
export const KEY_CHART_COUNT = 3;

export const VERDICT_TABLE_HEADERS = ['ID', 'Claim', 'Verdict', 'SSE', 'WebSocket'] as const;

/** Where a claim's full evidence is, within the report: `ws-1`. */
export function claimAnchor(id: string): string {
  return id.toLowerCase();
}

/** The table's cells for one claim, plain text: `[id, title, verdict, sse, ws]`. */
export function buildVerdictCells(row: ClaimRow): [string, string, string, string, string] {
  return [row.id, row.title, describeVerdictKind(row.verdict.kind), row.headline.sse, row.headline.ws];
}

/** The claims that read the scenario to reach a verdict (context scenarios do not count). */
export function listDecidedClaims(scenario: string, rules: readonly ClaimRule[] = CLAIM_RULES): string[] {
  return rules
    .filter((rule) => rule.scenarios.some((pattern) => matchesScenario(scenario, pattern)))
    .map((rule) => rule.id);
}

/**
 * The first chart of each scenario (each builder puts its most telling chart first), ranked by the
 * number of claims that scenario decides; ties keep report order.
 */
export function selectKeyCharts(
  charts: readonly ChartModel[],
  rules: readonly ClaimRule[] = CLAIM_RULES,
  count = KEY_CHART_COUNT,
): ChartModel[] {
  const firstOfScenario = charts.filter(
    (chart, index) => charts.findIndex((other) => other.scenario === chart.scenario) === index,
  );
  const ranked = firstOfScenario
    .map((chart, index) => ({ chart, index, claims: listDecidedClaims(chart.scenario, rules).length }))
    .filter((entry) => entry.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.index - b.index);
  return ranked.slice(0, count).map((entry) => entry.chart);
}
