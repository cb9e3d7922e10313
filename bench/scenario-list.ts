/**
 * `npm run bench -- --list`: every scenario, the claims it answers and its cells. The claims come
 * from the claim rules (reports/claims.ts: claimsAnsweredBy), the one mapping between the two.
 */
import { claimsAnsweredBy } from '../reports/claims.js';
import type { Scenario } from './scenarios.js';

const NAME_WIDTH = 18;

export function formatScenarioList(scenarios: readonly Scenario[]): string {
  return scenarios
    .map(
      (s) =>
        `${s.name.padEnd(NAME_WIDTH)} ${s.description}\n${''.padEnd(NAME_WIDTH)} claims: ${claimsAnsweredBy(s.name).join(', ') || '–'}; cells: ${s.variants.map((v) => v.variant ?? v.transport).join(', ')}${s.onlyWhenNamed !== undefined ? `\n${''.padEnd(NAME_WIDTH)} runs only when --scenario names it: ${s.onlyWhenNamed}` : ''}`,
    )
    .join('\n');
}
