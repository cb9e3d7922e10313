/** Known answers for how a proxy cell's two client runs become one run's figures. */
import { describe, expect, it } from 'vitest';
import type { ClientRunResult } from '../../clients/client-protocol.js';
import {
  combineRuns,
  compareWithDirect,
  isTransportOutcome,
  NOTHING_DELIVERED,
  withoutUrls,
} from './proxy-comparison.js';

function clientResult(metrics: Record<string, number>, extra: Partial<ClientRunResult> = {}): ClientRunResult {
  return {
    metrics,
    histograms: { latency_us: `enc-${metrics.latency_p50_us}` },
    timeline: [],
    errorCounts: {},
    warnings: [],
    ...extra,
  };
}

const direct = clientResult({
  messages_checked: 100,
  latency_p50_us: 1000,
  latency_p99_us: 3000,
  first_message_p50_us: 20_000,
});

describe('compareWithDirect', () => {
  it('copies direct figures and subtracts them from the proxied ones', () => {
    const proxied = { latency_p50_us: 1250, latency_p99_us: 2900, first_message_p50_us: 200_000 };
    expect(compareWithDirect(direct.metrics, proxied)).toEqual({
      direct_latency_p50_us: 1000,
      proxy_added_latency_p50_us: 250,
      direct_latency_p99_us: 3000,
      proxy_added_latency_p99_us: -100,
      direct_first_message_p50_us: 20_000,
      proxy_added_first_message_p50_us: 180_000,
      first_event_ratio_vs_direct: 10,
    });
  });

  it('uses time to first token as the first event of an LLM answer', () => {
    expect(compareWithDirect({ ttft_p50_us: 20_000 }, { ttft_p50_us: 1_000_000 }).first_event_ratio_vs_direct).toBe(50);
  });

  it('has only direct figures when nothing came through the proxy', () => {
    expect(compareWithDirect(direct.metrics, undefined)).toEqual({
      direct_latency_p50_us: 1000,
      direct_latency_p99_us: 3000,
      direct_first_message_p50_us: 20_000,
    });
  });
});

describe('isTransportOutcome', () => {
  it("treats the proxy's answers as results and the harness's failures as failures", () => {
    for (const category of [
      'http-status',
      'mime',
      'connect',
      'reset',
      'close:1006',
      'protocol:1002',
      'timeout:connecting',
      'timeout:measuring',
    ])
      expect(isTransportOutcome(category), category).toBe(true);
    for (const category of ['child-crash', 'internal', 'config', 'server-start', 'timeout:start'])
      expect(isTransportOutcome(category), category).toBe(false);
  });
});

describe('withoutUrls', () => {
  it('drops URLs (their ports change every run) and keeps the rest of the message', () => {
    expect(withoutUrls('expected 101, got 426 from ws://127.0.0.1:1/stream?a=1 (ws://127.0.0.1:1/stream?a=1)')).toBe(
      'expected 101, got 426',
    );
    expect(withoutUrls('expected 200, got 502 from http://[::1]:80/llm')).toBe('expected 200, got 502');
    expect(withoutUrls('socket hang up')).toBe('socket hang up');
  });
});

describe('combineRuns', () => {
  it('marks a refused transport works = 0 with its category counted, keeping the direct figures', () => {
    const message =
      'expected 101, got 426 from ws://127.0.0.1:41385/stream?rate=200 (ws://127.0.0.1:41385/stream?rate=200)';
    const run = combineRuns(direct, { kind: 'refused', error: { category: 'http-status', message } }, 'nginx-default');
    expect(run.metrics).toEqual({
      works: 0,
      direct_latency_p50_us: 1000,
      direct_latency_p99_us: 3000,
      direct_first_message_p50_us: 20_000,
    });
    expect(run.errorCounts).toEqual({ 'http-status': 1 });
    expect(run.warnings[0]).toBe('through nginx-default: http-status: expected 101, got 426');
    expect(run.histograms).toEqual({ direct_latency_us: 'enc-1000' });
  });

  it('keeps the proxied figures under their own names and the direct ones prefixed', () => {
    const proxied = clientResult(
      { messages_checked: 90, latency_p50_us: 1100, lost_count: 0 },
      { errorCounts: { reset: 1 }, warnings: ['w'] },
    );
    const run = combineRuns(direct, { kind: 'measured', result: proxied }, 'nginx-tuned');
    expect(run.metrics).toMatchObject({
      works: 1,
      messages_checked: 90,
      latency_p50_us: 1100,
      lost_count: 0,
      direct_latency_p50_us: 1000,
      proxy_added_latency_p50_us: 100,
    });
    expect(run.histograms).toEqual({ latency_us: 'enc-1100', direct_latency_us: 'enc-1000' });
    expect(run.errorCounts).toEqual({ reset: 1 });
    expect(run.warnings).toEqual(['w']);
  });

  it('counts a stream that opened but delivered nothing as not working', () => {
    const run = combineRuns(direct, { kind: 'measured', result: clientResult({ messages_checked: 0 }) }, 'dev-proxy');
    expect(run.metrics.works).toBe(0);
    expect(run.errorCounts).toEqual({ [NOTHING_DELIVERED]: 1 });
    expect(run.warnings[0]).toMatch(/delivered no message/);
  });

  it("reports what went wrong on the direct run as warnings, not as the proxy's errors", () => {
    const noisyDirect = clientResult(direct.metrics, {
      errorCounts: { reset: 2 },
      warnings: ['client-saturated: busy'],
    });
    const run = combineRuns(
      noisyDirect,
      { kind: 'measured', result: clientResult({ messages_checked: 5 }) },
      'nginx-tuned',
    );
    expect(run.errorCounts).toEqual({});
    expect(run.warnings).toEqual(['direct run: client-saturated: busy', 'direct run: 2 × reset']);
  });
});
