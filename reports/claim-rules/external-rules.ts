/**
 * Claims no scenario of this harness can measure: old browsers (WS-7) need a browser matrix that one
 * modern Chromium cannot stand in for. The row says so, with the reason, what would measure it and
 * the support data that answers it meanwhile, rather than guessing. A rule with no scenarios
 * answers from no scenario (`--list` and the scenario pages derive that from the rules); a future
 * scenario that measures such a claim replaces this rule with one that reads it.
 */
import { notMeasured, type ClaimRule } from './rule.js';

/** Browser support tables cited by WS-7. */
export const BROWSER_SUPPORT_SOURCES = ['https://caniuse.com/websockets', 'https://caniuse.com/eventsource'] as const;

interface UnmeasurableClaim {
  id: string;
  claim: string;
  title: string;
  reason: string;
  wouldMeasure: string;
  sources?: readonly string[];
}

function declareUnmeasurable(spec: UnmeasurableClaim): ClaimRule {
  return {
    id: spec.id,
    claim: spec.claim,
    title: spec.title,
    scenarios: [],
    needs: 'all',
    ruleText: 'No scenario of this harness measures this: the row states why and what would.',
    wouldMeasure: spec.wouldMeasure,
    evaluate: () => {
      const evaluation = notMeasured(spec.reason, spec.wouldMeasure);
      if (spec.sources === undefined || evaluation.verdict.kind !== 'not-measured') return evaluation;
      return { ...evaluation, verdict: { ...evaluation.verdict, sources: [...spec.sources] } };
    },
  };
}

export const WS_7_RULE = declareUnmeasurable({
  id: 'WS-7',
  claim: 'Con: some old browsers do not support it.',
  title: 'Old browsers lack WS',
  reason:
    "old browsers cannot be measured on this machine with one modern runtime (the browser scenario runs today's headless Chromium); browser support data answers it instead: WebSocket from Internet Explorer 10 on, EventSource in no Internet Explorer and in Edge only from version 79, so old browsers lack SSE at least as often as WS",
  wouldMeasure: 'a browser matrix (old IE, Edge, Safari, Android browsers) opening both transports',
  sources: BROWSER_SUPPORT_SOURCES,
});
