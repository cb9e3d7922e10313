/**
 * Claims no scenario of this harness can measure (other languages, real browsers, old browsers).
 * Their rows say so, with the reason and what would measure them, rather than guessing. If a future
 * scenario lists one of these IDs in its `claims`, the claims table points that out (see claims.ts)
 * so the row cannot silently go stale.
 */
import { notMeasured, type ClaimRule } from './rule.js';

/** Browser support tables cited by WS-7. */
export const BROWSER_SUPPORT_SOURCES = ['https://caniuse.com/websockets', 'https://caniuse.com/eventsource'] as const;

interface UnmeasurableClaim {
  id: string;
  claim: string;
  reason: string;
  wouldMeasure: string;
  sources?: readonly string[];
}

function declareUnmeasurable(spec: UnmeasurableClaim): ClaimRule {
  return {
    id: spec.id,
    claim: spec.claim,
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

export const WS_5_RULE = declareUnmeasurable({
  id: 'WS-5',
  claim: 'Well supported by Java, Python and other languages.',
  reason: 'the harness drives Node clients only; the seed\'s Java (async-http-client) and Python (requests) clients are not part of it',
  wouldMeasure: 'clients in Java and Python, for both transports, driven against the harness servers and checked for lost, corrupted and resumed messages',
});

export const WS_6_RULE = declareUnmeasurable({
  id: 'WS-6',
  claim: 'Cross-origin works natively.',
  reason: 'cross-origin rules are enforced by browsers (CORS for EventSource; WS is exempt, so the server must check Origin), and the harness clients are not browsers',
  wouldMeasure: 'a page on one origin opening WS and EventSource to another origin in a headless browser, against servers with and without CORS headers and an Origin check',
});

export const WS_7_RULE = declareUnmeasurable({
  id: 'WS-7',
  claim: 'Con: some old browsers do not support it.',
  reason: 'old browsers cannot be measured on this machine with one modern runtime; browser support data answers it instead: WebSocket from Internet Explorer 10 on, EventSource in no Internet Explorer and in Edge only from version 79, so old browsers lack SSE at least as often as WS',
  wouldMeasure: 'a browser matrix (old IE, Edge, Safari, Android browsers) opening both transports',
  sources: BROWSER_SUPPORT_SOURCES,
});

export const OBS_3_RULE = declareUnmeasurable({
  id: 'OBS-3',
  claim: 'The clients shown: Java async-http-client POST, Python requests with iter_lines() and line[5:], a browser page with fetch-event-source.',
  reason: 'those clients are Java, Python and a browser page; the harness runs its own Node clients (llm-stream\'s sse-post variant uses the same POST-then-stream pattern, and framing\'s naive parser reads lines the way line[5:] does)',
  wouldMeasure: 'the three seed clients, in their own languages and a real browser, against the harness servers, checked for lost and merged events',
});
