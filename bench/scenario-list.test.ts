/**
 * Which scenario answers which claim lives once, in the claim rules; `--list` and the report's
 * scenario pages derive it. These tests pin the derivation and catch a rule naming a scenario the
 * harness does not define (it would silently answer from nothing).
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_RULES, claimsAnsweredBy } from '../reports/claims.js';
import { matchesScenario } from '../reports/results-query.js';
import './all-families.js';
import { formatScenarioList } from './scenario-list.js';
import { SCENARIOS } from './scenarios.js';

const ruleReads = (rule: (typeof CLAIM_RULES)[number]): readonly string[] => [
  ...rule.scenarios,
  ...(rule.contextScenarios ?? []),
];

describe('claims answered by a scenario', () => {
  it('are exactly the claims whose rule reads it, needed or for context, in claims.md order', () => {
    for (const scenario of SCENARIOS) {
      const expected = CLAIM_RULES.filter((rule) =>
        ruleReads(rule).some((pattern) => matchesScenario(scenario.name, pattern)),
      ).map((rule) => rule.id);
      expect(claimsAnsweredBy(scenario.name), scenario.name).toEqual(expected);
    }
    expect(claimsAnsweredBy('steady')).toEqual(['WS-2', 'WS-3', 'SSE-5', 'SSE-6']);
    expect(claimsAnsweredBy('tcp-floor')).toEqual(['WS-2', 'SSE-5']);
    expect(claimsAnsweredBy('reconnect-reset')).toEqual(['WS-8', 'SSE-1', 'SSE-2']);
    expect(claimsAnsweredBy('max-throughput')).toEqual([]);
  });

  it('come only from scenarios the harness defines: every scenario a rule names matches one', () => {
    const names = SCENARIOS.map((scenario) => scenario.name);
    for (const rule of CLAIM_RULES) {
      for (const pattern of ruleReads(rule))
        expect(
          names.some((name) => matchesScenario(name, pattern)),
          `${rule.id} reads ${pattern}`,
        ).toBe(true);
    }
  });

  it('are what --list prints for each scenario', () => {
    const listing = formatScenarioList(SCENARIOS);
    expect(listing).toMatch(/^steady {13}.*\n {19}claims: WS-2, WS-3, SSE-5, SSE-6; cells: sse\b/m);
    expect(listing).toMatch(/^max-throughput {5}.*\n {19}claims: –; cells:/m);
    for (const scenario of SCENARIOS)
      expect(listing).toContain(`claims: ${claimsAnsweredBy(scenario.name).join(', ') || '–'}; cells:`);
  });

  it('are what a scenario page names', async () => {
    const { buildFixtureDocument } = await import('../test/support/report-fixtures.js');
    const { renderScenarioPages } = await import('../reports/markdown-scenario.js');
    const pages = renderScenarioPages(buildFixtureDocument());
    const steady = [...pages.entries()].find(([file]) => file.includes('steady'))?.[1] ?? '';
    expect(steady).toContain('Claims: WS-2, WS-3, SSE-5, SSE-6.');
  });
});
