/**
 * One proxy cell's figures from its two client runs on the same server: direct, then through the
 * proxy. A transport the proxy will not carry is a result (works = 0, the proxy's answer counted by
 * category), not a harness failure; only what says nothing about the proxy fails the run.
 */
import type { ClientRunResult } from '../../clients/client-protocol.js';
import type { MeasuredRun } from '../families.js';
import type { CategorisedError } from '../results.js';

/** How the run through the proxy went: measured, or stopped by the proxy with a categorised error. */
export type ProxiedOutcome =
  | { kind: 'measured'; result: ClientRunResult }
  | { kind: 'refused'; error: CategorisedError };

/** Metrics measured both ways; each gets a `direct_` copy and a `proxy_added_` difference. */
export const COMPARED_METRICS = [
  'latency_p50_us',
  'latency_p99_us',
  'first_message_p50_us',
  'ttft_p50_us',
  'itl_p50_us',
] as const;

/** The time to the first event: from connecting for a stream, from sending the prompt for an answer. */
const FIRST_EVENT_METRICS = ['first_message_p50_us', 'ttft_p50_us'] as const;

/** The category a run gets when the stream opened through the proxy but nothing arrived. */
export const NOTHING_DELIVERED = 'timeout:delivery';

/**
 * Categories that are the proxy's (or the transport's) answer: a refused upgrade, a wrong status or
 * MIME type, a reset, a close code, a phase that never got its data. A crashed child, an internal
 * error or a client that never started say nothing about the proxy and fail the run.
 */
export function isTransportOutcome(category: string): boolean {
  if (category === 'timeout:start') return false;
  return ['http-status', 'mime', 'connect', 'reset'].includes(category) || /^(timeout|protocol|close):/.test(category);
}

/** `direct_<m>` and `proxy_added_<m>` (through the proxy minus direct), and the first-event ratio. */
export function compareWithDirect(
  direct: Record<string, number>,
  proxied: Record<string, number> | undefined,
): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const name of COMPARED_METRICS) {
    const directValue = direct[name];
    if (directValue === undefined) continue;
    metrics[`direct_${name}`] = directValue;
    const proxiedValue = proxied?.[name];
    if (proxiedValue !== undefined) metrics[`proxy_added_${name}`] = proxiedValue - directValue;
  }
  const firstEvent = FIRST_EVENT_METRICS.find((name) => direct[name] !== undefined && proxied?.[name] !== undefined);
  if (firstEvent !== undefined && direct[firstEvent]! > 0)
    metrics.first_event_ratio_vs_direct = proxied![firstEvent]! / direct[firstEvent]!;
  return metrics;
}

/** A client's message without the URLs in it (their ports change every run), so repeats share one warning. */
export function withoutUrls(message: string): string {
  return message.replace(/\s*\(?\b(?:from )?(?:wss?|https?):\/\/\S+\)?/g, '').trim();
}

/** The cell's run: the proxied figures under their usual names, direct ones prefixed `direct_`. */
export function combineRuns(
  direct: ClientRunResult,
  outcome: ProxiedOutcome,
  proxyName: string,
): Omit<MeasuredRun, 'serverConfig'> {
  const directWarnings = [
    ...direct.warnings.map((w) => `direct run: ${w}`),
    ...Object.entries(direct.errorCounts).map(([category, count]) => `direct run: ${count} × ${category}`),
  ];
  const directHistograms = Object.fromEntries(
    Object.entries(direct.histograms).map(([name, encoded]) => [`direct_${name}`, encoded]),
  );
  if (outcome.kind === 'refused') {
    const { category, message } = outcome.error;
    return {
      metrics: { works: 0, ...compareWithDirect(direct.metrics, undefined) },
      histograms: directHistograms,
      errorCounts: { [category]: 1 },
      warnings: [`through ${proxyName}: ${category}: ${withoutUrls(message)}`, ...directWarnings],
    };
  }
  const { result } = outcome;
  const delivered = (result.metrics.messages_checked ?? 0) > 0;
  return {
    metrics: { ...result.metrics, works: delivered ? 1 : 0, ...compareWithDirect(direct.metrics, result.metrics) },
    histograms: { ...result.histograms, ...directHistograms },
    timeline: result.timeline,
    errorCounts: delivered ? result.errorCounts : { ...result.errorCounts, [NOTHING_DELIVERED]: 1 },
    warnings: [
      ...(delivered ? [] : [`through ${proxyName}: the stream opened but delivered no message during the run`]),
      ...result.warnings,
      ...directWarnings,
    ],
  };
}
