/**
 * The article's own systems (the seed-stack scenario, issue #12) as evidence for the claims they
 * speak to: OBS-1 (Spring's SseEmitter timeouts on Tomcat), OBS-2 (the Vue CLI and Vite dev proxies,
 * nginx in front), OBS-3 (the article's three clients), SSE-8 (async-http-client body parts; the
 * Python iter_lines() reader) and WS-5 (Tomcat's JSR-356 WebSocket beside the SseEmitter).
 *
 * Additive: each rule here wraps the existing rule of its claim. When the existing rule's scenarios
 * ran, its verdict stands and the seed-stack figures are appended, each naming the system it came
 * from (versions as the run read them, from the cell's server configuration); when only seed-stack
 * ran, the verdict is computed from the seed-stack cells alone.
 */
import type { CellResult, ResultsDocument } from '../../bench/results.js';
import { findVariant, metricMedian, ranCellsOf, scenarioStatus } from '../results-query.js';
import { appendToVerdict, type ClaimEvaluation, type ClaimRule, type Verdict } from './rule.js';

export const SEED_STACK_SCENARIO = 'seed-stack';

interface SeedEvidence {
  sse: string[];
  ws: string[];
  verdict: Verdict;
  headline: { sse: string; ws: string };
}

/** The system a seed-stack cell ran, as recorded by its runner (`Spring 4.3.30 SseEmitter(0L) on Tomcat 9.0.70 …`). */
export function systemOf(cell: CellResult | undefined): string {
  const system = cell?.config.server.system;
  return typeof system === 'string' ? system : 'the seed stack';
}

function m(cell: CellResult | undefined, metric: string): number | undefined {
  return metricMedian(cell, metric);
}

function ms(value: number | undefined): string {
  return value === undefined || value < 0
    ? 'n/a'
    : value >= 1000
      ? `${(value / 1000).toFixed(2)} s`
      : `${Math.round(value)} ms`;
}

/** A latency in µs, as µs below a millisecond. */
function us(value: number | undefined): string {
  return value === undefined ? 'n/a' : value < 1000 ? `${Math.round(value)} µs` : ms(value / 1000);
}

function seedCell(doc: ResultsDocument, variant: string): CellResult | undefined {
  return findVariant(ranCellsOf(doc, SEED_STACK_SCENARIO), variant);
}

function timeoutEvidence(doc: ResultsDocument): SeedEvidence | undefined {
  const cell = seedCell(doc, 'spring-emitter-timeouts');
  if (cell === undefined) return undefined;
  const timeoutMs = m(cell, 'container_async_timeout_ms');
  const cutMs = m(cell, 'emitter_default_cut_ms');
  const sent = m(cell, 'stream_events_sent');
  const cut = m(cell, 'emitter_default_end_marker') === 0 && cutMs !== undefined && cutMs >= 0;
  const zeroWhole = m(cell, 'emitter_zero_end_marker') === 1;
  const ending = ['a clean end of the response body', 'a reset', 'an error', 'nothing (deadline)'][
    m(cell, 'emitter_default_ending_code') ?? 2
  ];
  const sse = [
    `${systemOf(cell)}: new SseEmitter() cut at ${ms(cutMs)} (container asyncTimeout ${ms(timeoutMs)}): ${ending}, HTTP ${m(cell, 'emitter_default_status')}, ${m(cell, 'emitter_default_events')}/${sent} events, no end marker; ` +
      `the article's Python reader got ${m(cell, 'python_article_default_events')} events and ${m(cell, 'python_article_default_error') === 1 ? 'raised' : 'ended its loop without an error'}`,
    `new SseEmitter(0L): ${m(cell, 'emitter_zero_events')}/${sent} events${zeroWhole ? ' and the end marker' : ', no end marker'}, ended at ${ms(m(cell, 'emitter_zero_ended_ms'))}`,
  ];
  const verdict: Verdict =
    cut && zeroWhole
      ? {
          kind: 'supported',
          detail: `on Spring's own stack the default SseEmitter was cut at ${ms(cutMs)} (Tomcat's ${ms(timeoutMs)} async timeout) and SseEmitter(0L) was not`,
        }
      : {
          kind: 'refuted',
          detail: `the default SseEmitter was ${cut ? 'cut' : 'not cut'} and SseEmitter(0L) ${zeroWhole ? 'completed' : 'did not complete'} on Spring's own stack`,
        };
  return { sse, ws: [], verdict, headline: { sse: `SseEmitter() cut at ${ms(cutMs)}`, ws: 'n/a' } };
}

const DEV_PATHS: readonly [variant: string, label: string][] = [
  ['dev-direct', 'direct'],
  ['dev-vue-cli', 'Vue CLI dev proxy'],
  ['dev-vue-cli-no-compress', 'Vue CLI, compress off'],
  ['dev-vite', 'Vite dev proxy'],
  ['dev-nginx-default', 'nginx default'],
  ['dev-nginx-tuned', 'nginx tuned'],
];

function devEvidence(doc: ResultsDocument): SeedEvidence | undefined {
  const vue = seedCell(doc, 'dev-vue-cli');
  if (vue === undefined) return undefined;
  const sse = DEV_PATHS.flatMap(([variant, label]) => {
    const cell = seedCell(doc, variant);
    if (cell === undefined) return [];
    const encoding = cell.config.server.contentEncoding;
    const page =
      m(cell, 'page_messages') !== undefined
        ? `; page (fetch-event-source in Chromium): first event ${ms(m(cell, 'page_first_event_ms'))}, spread ${ms(m(cell, 'page_event_spread_ms'))}`
        : '';
    return [
      `${label} — ${systemOf(cell)}: first event ${ms(m(cell, 'dev_first_event_ms'))}, first→last ${ms(m(cell, 'dev_event_spread_ms'))} of a ${ms(m(cell, 'dev_stream_length_ms'))} stream, ${m(cell, 'dev_events_received')} events, content-encoding ${typeof encoding === 'string' ? encoding : 'n/a'}${m(cell, 'dev_buffered') === 1 ? ' (buffered)' : ''}${page}`,
    ];
  });
  const buffered = (variant: string) => m(seedCell(doc, variant), 'dev_buffered') === 1;
  const vueBuffers = buffered('dev-vue-cli');
  const compressionIsWhy =
    vueBuffers && seedCell(doc, 'dev-vue-cli-no-compress') !== undefined && !buffered('dev-vue-cli-no-compress');
  const nginxFixes = seedCell(doc, 'dev-nginx-tuned') !== undefined && !buffered('dev-nginx-tuned');
  const nginxDefaultBuffers = buffered('dev-nginx-default');
  const why = compressionIsWhy
    ? "the cause is Vue CLI's default devServer.compress (webpack-dev-server's compression middleware gzips/brotlis text/event-stream, and the compressor emits only at the end); with compress: false it streams"
    : 'the cause was not isolated';
  const verdict: Verdict =
    vueBuffers && nginxFixes && !nginxDefaultBuffers
      ? {
          kind: 'supported',
          detail: `the Vue CLI dev proxy delivered the stream in one piece at the end and nginx in front streamed it; ${why}`,
        }
      : vueBuffers
        ? {
            kind: 'depends',
            condition: `the Vue CLI dev proxy buffered the stream to its end (${why}); nginx fixes it only with proxy_buffering off (its default config ${nginxDefaultBuffers ? 'buffered too' : 'streamed'}, the tuned one ${nginxFixes ? 'streamed' : 'buffered'}); Vite's proxy ${buffered('dev-vite') ? 'buffered' : 'streamed'}`,
          }
        : { kind: 'refuted', detail: 'the Vue CLI dev proxy streamed events one by one' };
  return {
    sse,
    ws: [],
    verdict,
    headline: { sse: `Vue CLI first event ${ms(m(vue, 'dev_first_event_ms'))}`, ws: 'n/a' },
  };
}

function ahcLine(cell: CellResult | undefined, label: string): string[] {
  if (cell === undefined) return [];
  return [
    `${label} — ${systemOf(cell)}: ${m(cell, 'ahc_body_parts')} body parts for ${m(cell, 'ahc_events_sent')} events (${m(cell, 'ahc_parts_one_event')} one whole event, ${m(cell, 'ahc_parts_fragment')} fragments, ${m(cell, 'ahc_parts_many_events')} several events); ` +
      `the article's handler (a part is a message) lost or mangled ${m(cell, 'ahc_article_lost_or_mangled')}/${m(cell, 'ahc_events_sent')}; a spec parser on the same parts lost ${m(cell, 'ahc_spec_lost')}, corrupted ${m(cell, 'ahc_spec_corrupted')}`,
  ];
}

function pythonLine(cell: CellResult | undefined, label: string): string[] {
  if (cell === undefined) return [];
  const cases = ['multi_line', 'comments', 'id_and_event', 'no_space', 'cr', 'crlf']
    .map(
      (key) =>
        `${key.replace(/_/g, '-')} ${m(cell, `case_${key}_delivered`)}/10${m(cell, `case_${key}_raised`) === 1 ? ' (raised)' : ''}`,
    )
    .join(', ');
  return [
    `${label} — ${systemOf(cell)}: Spring's article endpoint ${m(cell, 'spring_chat_delivered')}/${m(cell, 'spring_chat_events_sent')}${m(cell, 'spring_chat_end_marker') === 1 ? ' and -200' : ''}; Spring's id:+data: stream ${m(cell, 'spring_stream_delivered')}/50${m(cell, 'spring_stream_raised') === 1 ? ' (raised)' : ''}; edge cases intact: ${cases}; lost ${m(cell, 'cases_lost')}, mangled ${m(cell, 'cases_mangled')} of ${m(cell, 'cases_events_sent')}`,
  ];
}

function framingEvidence(doc: ResultsDocument): SeedEvidence | undefined {
  const cells = ['ahc-spring', 'ahc-node', 'ahc-spring-sliced', 'python-article', 'python-spec'].map((v) =>
    seedCell(doc, v),
  );
  if (cells.every((cell) => cell === undefined)) return undefined;
  const [spring, node, sliced, pyArticle, pySpec] = cells;
  const sse = [
    ...ahcLine(spring, 'fast stream'),
    ...ahcLine(node, 'fast stream'),
    ...ahcLine(sliced, '1-byte slices'),
    ...pythonLine(pyArticle, "article's Python reader"),
    ...pythonLine(pySpec, 'spec reader'),
  ];
  const naiveLost =
    [spring, node, sliced].reduce((sum, cell) => sum + (m(cell, 'ahc_article_lost_or_mangled') ?? 0), 0) +
    (m(pyArticle, 'cases_lost') ?? 0) +
    (m(pyArticle, 'cases_mangled') ?? 0);
  const specLost =
    [spring, node, sliced].reduce(
      (sum, cell) => sum + (m(cell, 'ahc_spec_lost') ?? 0) + (m(cell, 'ahc_spec_corrupted') ?? 0),
      0,
    ) +
    (m(pySpec, 'cases_lost') ?? 0) +
    (m(pySpec, 'cases_mangled') ?? 0);
  const verdict: Verdict =
    specLost > 0
      ? { kind: 'supported', detail: `spec parsers on the article's own stack lost or corrupted ${specLost} events` }
      : naiveLost > 0
        ? {
            kind: 'depends',
            condition: `on the client's parser: on the article's own stack its readers (a body part per message, iter_lines() with line[5:]) lost or mangled ${naiveLost} events, spec parsers on the same bytes none`,
          }
        : { kind: 'refuted', detail: "no reader lost or mangled an event on the article's stack" };
  return { sse, ws: [], verdict, headline: { sse: `article readers lost ${naiveLost}, spec 0`, ws: 'n/a' } };
}

function clientsEvidence(doc: ResultsDocument): SeedEvidence | undefined {
  const ahc = seedCell(doc, 'ahc-spring');
  const py = seedCell(doc, 'python-article');
  const pages = ['dev-vue-cli', 'dev-vite']
    .map((v) => seedCell(doc, v))
    .filter((c): c is CellResult => c !== undefined && m(c, 'page_messages') !== undefined);
  if (ahc === undefined && py === undefined && pages.length === 0) return undefined;
  const sse = [
    ...(ahc
      ? [
          `Java — ${systemOf(ahc)}: the spec parser got ${m(ahc, 'ahc_spec_events')}/${m(ahc, 'ahc_events_sent')}, the article's handler ${m(ahc, 'ahc_article_messages_ok')} whole messages`,
        ]
      : []),
    ...(py
      ? [
          `Python — ${systemOf(py)}: ${m(py, 'spring_chat_delivered')}/${m(py, 'spring_chat_events_sent')} events${m(py, 'spring_chat_end_marker') === 1 ? ' and the -200 end marker' : ''} from Spring's article endpoint`,
        ]
      : []),
    ...pages.map(
      (page) =>
        `Browser — fetch-event-source over POST via ${String(page.config.server.proxy ?? 'a dev server')} (${String(page.config.server.browser ?? 'Chromium')}): ${m(page, 'page_messages')}/${m(page, 'dev_stream_events_sent')} events, ${m(page, 'page_errors_count')} errors`,
    ),
  ];
  const works =
    (ahc === undefined || m(ahc, 'ahc_spec_events') === m(ahc, 'ahc_events_sent')) &&
    (py === undefined || m(py, 'spring_chat_lost') === 0) &&
    pages.every((page) => m(page, 'page_messages') === m(page, 'dev_stream_events_sent'));
  const verdict: Verdict = works
    ? {
        kind: 'supported',
        detail:
          "the article's three clients read the article's own Spring server (the Java handler only through a spec parser: taken per body part it gets no whole message from SseEmitter)",
      }
    : { kind: 'refuted', detail: "an article client did not get the whole stream from the article's Spring server" };
  return { sse, ws: [], verdict, headline: { sse: `${sse.length} clients on Spring`, ws: 'n/a' } };
}

function javaWsEvidence(doc: ResultsDocument): SeedEvidence | undefined {
  const sseCell = seedCell(doc, 'java-sse');
  const wsCell = seedCell(doc, 'java-ws');
  if (wsCell === undefined) return undefined;
  const line = (cell: CellResult | undefined) =>
    cell === undefined
      ? []
      : [
          `${systemOf(cell)}: ${m(cell, 'messages_received')} messages to our client, lost ${m(cell, 'lost_count')}, p50 ${us(m(cell, 'latency_p50_us'))}`,
        ];
  const ok = (m(wsCell, 'messages_received') ?? 0) > 0 && m(wsCell, 'lost_count') === 0;
  const verdict: Verdict = ok
    ? {
        kind: 'supported',
        detail:
          "Java's standard WebSocket API (JSR-356 on Tomcat) served the stream beside Spring's SseEmitter with nothing lost",
      }
    : { kind: 'refuted', detail: 'the JSR-356 endpoint did not deliver the stream intact' };
  return {
    sse: line(sseCell),
    ws: line(wsCell),
    verdict,
    headline: { sse: sseCell ? 'Spring SseEmitter ok' : 'n/a', ws: ok ? 'JSR-356 ok' : 'JSR-356 failed' },
  };
}

/**
 * `rule` with the seed-stack evidence of `evidence`: seed-stack joins its scenarios (any one enough);
 * the rule's own verdict when its own scenarios ran, with the seed-stack figures appended; else the
 * seed-stack verdict alone.
 */
export function withSeedStack(
  rule: ClaimRule,
  evidence: (doc: ResultsDocument) => SeedEvidence | undefined,
  ruleText: string,
): ClaimRule {
  return {
    ...rule,
    scenarios: [...rule.scenarios, SEED_STACK_SCENARIO],
    needs: 'any',
    ruleText: `${rule.ruleText} Seed stack: ${ruleText}`,
    evaluate(doc: ResultsDocument): ClaimEvaluation {
      const ownRan =
        rule.scenarios.length > 0 &&
        (rule.needs === 'all'
          ? rule.scenarios.every((s) => scenarioStatus(doc, s).kind === 'ran')
          : rule.scenarios.some((s) => scenarioStatus(doc, s).kind === 'ran'));
      const seed = evidence(doc);
      if (!ownRan) {
        if (seed === undefined)
          return {
            sse: [],
            ws: [],
            verdict: {
              kind: 'not-measured',
              reason: `neither ${rule.scenarios.join(', ')} nor the seed-stack cells this rule reads ran`,
              wouldMeasure: rule.wouldMeasure,
            },
          };
        return { sse: seed.sse, ws: seed.ws, verdict: seed.verdict, headline: seed.headline };
      }
      const own = rule.evaluate(doc);
      if (seed === undefined) return own;
      const seedVerdict =
        seed.verdict.kind === 'supported' || seed.verdict.kind === 'refuted'
          ? seed.verdict.detail
          : seed.verdict.kind === 'depends'
            ? seed.verdict.condition
            : undefined;
      return {
        ...own,
        sse: [...own.sse, ...seed.sse],
        ws: [...own.ws, ...seed.ws],
        verdict: appendToVerdict(
          own.verdict,
          seedVerdict === undefined ? undefined : `seed stack (${seed.verdict.kind}): ${seedVerdict}`,
        ),
      };
    },
  };
}

export const SEED_STACK_EVIDENCE = {
  'OBS-1': {
    evidence: timeoutEvidence,
    text: "SseEmitter(0L) and SseEmitter() streams longer than Tomcat's own async timeout, one Spring server: supported if the default one is cut and the 0L one is not.",
  },
  'OBS-2': {
    evidence: devEvidence,
    text: "seed-stack streams 20 events 100 ms apart from Spring through the Vue CLI dev server (its defaults, and compress off), Vite's and nginx (default, tuned): buffered when the first event comes after half the stream. Supported if Vue CLI buffers and tuned nginx streams with default nginx streaming too; depends if nginx needs tuning.",
  },
  'OBS-3': {
    evidence: clientsEvidence,
    text: "seed-stack runs the article's async-http-client handler, its Python requests reader and its fetch-event-source page (Chromium) against the article's Spring server.",
  },
  'SSE-8': {
    evidence: framingEvidence,
    text: "seed-stack counts async-http-client 2.12.3 body parts against Spring's SseEmitter, our Node server and 1-byte slices, and the article's Python reader on spec-valid edge cases, each beside a spec parser on the same bytes.",
  },
  'WS-5': {
    evidence: javaWsEvidence,
    text: "seed-stack runs Tomcat's JSR-356 WebSocket beside Spring's SseEmitter in one JVM, read by our clients.",
  },
} as const;

/** The rule of `rule.id` with its seed-stack evidence, or the rule unchanged when the seed stack says nothing about it. */
export function addSeedStackEvidence(rule: ClaimRule): ClaimRule {
  const entry = (
    SEED_STACK_EVIDENCE as Record<
      string,
      { evidence: (doc: ResultsDocument) => SeedEvidence | undefined; text: string }
    >
  )[rule.id];
  return entry === undefined ? rule : withSeedStack(rule, entry.evidence, entry.text);
}
