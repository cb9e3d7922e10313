/** The progress line's figures for every family, from synthetic runs. */
import { describe, expect, it } from 'vitest';
import './all-families.js';
import type { RunResult } from './results.js';
import { describeRunHeadline, HEADLINE_FIGURES } from './run-headline.js';
import { SCENARIOS } from './scenarios.js';

function runWith(metrics: Record<string, number>, extra: Partial<RunResult> = {}): RunResult {
  return {
    repeat: 0,
    order: 0,
    startedAt: '2024-01-01T00:00:00.000Z',
    wallMs: 1000,
    status: 'ok',
    metrics,
    histograms: {},
    errorCounts: {},
    warnings: [],
    ...extra,
  };
}

const clean = { lost_count: 0, duplicated_count: 0, reordered_count: 0, corrupted_count: 0 };

describe('describeRunHeadline', () => {
  it('has figures for every scenario family the bench runs', () => {
    for (const scenario of SCENARIOS) expect(HEADLINE_FIGURES[scenario.family], scenario.family).toBeDefined();
  });

  it('stream: p50, p99 and throughput; llm-stream leads with time to first token', () => {
    expect(
      describeRunHeadline(
        runWith({
          ...clean,
          latency_p50_us: 412,
          latency_p99_us: 1830,
          throughput_msgs_per_sec: 10_000,
          connect_p50_us: 900,
        }),
        'stream',
      ),
    ).toBe('p50 412 µs, p99 1.83 ms, 10 k/s');
    expect(describeRunHeadline(runWith({ ttft_p50_us: 21_500, latency_p50_us: 300 }), 'stream')).toBe(
      'ttft 21.5 ms, p50 300 µs',
    );
  });

  it('faults: time to detect and to reconnect, messages lost (with resume or without), replayed', () => {
    expect(
      describeRunHeadline(
        runWith({
          ...clean,
          detect_p50_ms: 1.2,
          reconnect_p50_ms: 230.4,
          replayed_count: 96,
          drops_count: 10,
          unrecovered_count: 0,
        }),
        'faults',
      ),
    ).toBe('detect p50 1.20 ms, reconnect p50 230 ms, lost 0, replayed 96');
    expect(
      describeRunHeadline(
        runWith({ detect_p50_ms: 1000, reconnect_p50_ms: 210, lost_without_resume_count: 120 }),
        'faults',
      ),
    ).toBe('detect p50 1000 ms, reconnect p50 210 ms, lost 120');
    expect(describeRunHeadline(runWith({ streams_cut_count: 0, heartbeats_count: 40 }), 'faults')).toBe('cut 0');
  });

  it('client-impl: lines of code and features', () => {
    expect(
      describeRunHeadline(
        runWith({ client_impl_loc: 187, client_impl_own_loc: 60, client_impl_features_count: 6 }),
        'client-impl',
      ),
    ).toBe('lines of code 187, features 6');
  });

  it('framing: lost and corrupted per reader', () => {
    const metrics = {
      framing_spec_lost_count: 0,
      framing_spec_corrupted_count: 0,
      framing_naive_lost_count: 312,
      framing_naive_corrupted_count: 40,
      framing_iter_lines_lost_count: 0,
      framing_iter_lines_corrupted_count: 12,
      framing_runs_count: 900,
    };
    expect(describeRunHeadline(runWith(metrics), 'framing')).toBe(
      'spec lost 0, spec corrupted 0, naive lost 312, naive corrupted 40, iter-lines lost 0, iter-lines corrupted 12',
    );
  });

  it('wire: bytes per message each way, compression, round trip', () => {
    expect(
      describeRunHeadline(
        runWith({ ...clean, wire_bytes_down_per_msg: 88.5, overhead_bytes_down_per_msg: 72.5, efficiency_pct: 18 }),
        'wire',
      ),
    ).toBe('down/msg 88.5 B, overhead/msg 72.5 B');
    expect(
      describeRunHeadline(
        runWith({ wire_bytes_down_per_msg: 300, compression_ratio: 4.2, latency_p50_us: 95 }),
        'wire',
      ),
    ).toBe('down/msg 300 B, compression 4.20, p50 95 µs');
    expect(
      describeRunHeadline(
        runWith({ wire_bytes_up_per_msg: 131, overhead_bytes_up_per_msg: 90, latency_p50_us: 2400 }),
        'wire',
      ),
    ).toBe('up/msg 131 B, overhead up/msg 90 B, p50 2.40 ms');
  });

  it('proxy: works or refused, time to first event and against direct', () => {
    expect(
      describeRunHeadline(
        runWith({
          ...clean,
          works: 1,
          first_message_p50_us: 1500,
          first_event_ratio_vs_direct: 1.25,
          proxy_added_latency_p50_us: 80,
        }),
        'proxy',
      ),
    ).toBe('works, first event 1.50 ms, 1.25x direct, added p50 80 µs');
    expect(describeRunHeadline(runWith({ works: 0 }), 'proxy')).toBe('refused');
  });

  it('polyglot and browser: did the client work, what it got, latency', () => {
    expect(
      describeRunHeadline(
        runWith({
          ...clean,
          client_works: 1,
          messages_received: 1300,
          latency_p50_us: 640,
          unexpected_outcome_count: 0,
          clock_mismatch_us: 0,
        }),
        'polyglot',
      ),
    ).toBe('works, delivered 1300, p50 640 µs');
    expect(
      describeRunHeadline(
        runWith({ client_works: 0, messages_received: 0, page_errors_count: 1, unexpected_outcome_count: 0 }),
        'polyglot',
      ),
    ).toBe('did not work, delivered 0, page errors 1');
  });

  it('micro: operations per second from nanoseconds per operation', () => {
    expect(
      describeRunHeadline(
        runWith({ micro_sse_event_parse_ns_per_op: 250, micro_envelope_text_encode_ns_per_op: 4000 }),
        'micro',
      ),
    ).toBe('text encode 250 k ops/s, sse event parse 4.0 M ops/s');
  });

  it('names any count the correctness gate fails on, whatever the family', () => {
    expect(
      describeRunHeadline(
        runWith({ latency_p50_us: 400, lost_count: 3, corrupted_count: 1, duplicated_count: 0 }),
        'stream',
      ),
    ).toBe('p50 400 µs, CORRECTNESS: lost_count = 3, corrupted_count = 1');
    expect(describeRunHeadline(runWith({ framing_spec_lost_count: 2 }), 'framing')).toMatch(
      /CORRECTNESS: framing_spec_lost_count = 2$/,
    );
  });

  it('a failed run says why; a run without figures shows its warning', () => {
    expect(
      describeRunHeadline(
        runWith({}, { status: 'failed', error: { category: 'timeout:measure', message: 'no message for 5 s\nmore' } }),
        'stream',
      ),
    ).toBe('FAILED timeout:measure: no message for 5 s');
    expect(
      describeRunHeadline(runWith({}, { warnings: ['not measured through nginx-default: install nginx'] }), 'proxy'),
    ).toBe('not measured through nginx-default: install nginx');
  });
});
