import { describe, expect, it } from 'vitest';
import { foreignMetrics, parseForeignSummary, type ForeignSummary } from './foreign-summary.js';

const SUMMARY: ForeignSummary = {
  client: 'python-sse',
  runtime: 'CPython 3.11.7',
  clock: 'time.monotonic_ns = clock_gettime(CLOCK_MONOTONIC)',
  works: true,
  received: 100,
  unique: 99,
  first_seq: 1,
  end_seq: 100,
  lost: 1,
  duplicated: 1,
  reordered: 0,
  corrupted: 2,
  malformed: 0,
  latency_samples: 90,
  latency_p50_us: 700.5,
  latency_p99_us: 1500,
  latency_max_us: 2100,
  socket_bytes_read: null,
  body_bytes_read: 11_000,
  pings_answered: 3,
  stop_reason: 'end',
  duration_ms: 120,
  error: null,
};

describe('parseForeignSummary', () => {
  it('takes the last JSON line of the output', () => {
    const stdout = `some log line\n${JSON.stringify({ ...SUMMARY, received: 1 })}\n${JSON.stringify(SUMMARY)}\n`;
    expect(parseForeignSummary(stdout, '', 'x')).toEqual(SUMMARY);
  });

  it('calls a client that printed no summary crashed, quoting its stderr', () => {
    expect(() => parseForeignSummary('', 'Traceback: boom', 'python-sse')).toThrow(
      expect.objectContaining({ category: 'child-crash', message: expect.stringContaining('Traceback: boom') }),
    );
  });

  it('rejects a summary with a field of the wrong type', () => {
    expect(() => parseForeignSummary(JSON.stringify({ ...SUMMARY, lost: 'none' }), '', 'x')).toThrow(
      /lost is not a number/,
    );
  });
});

describe('foreignMetrics', () => {
  it('maps the summary onto the shared metric names, leaving out what was not measured', () => {
    expect(foreignMetrics(SUMMARY)).toEqual({
      client_works: 1,
      unexpected_outcome_count: 0,
      messages_received: 100,
      lost_count: 1,
      duplicated_count: 1,
      reordered_count: 0,
      corrupted_count: 2,
      foreign_body_bytes: 11_000,
      pings_answered_count: 3,
      latency_p50_us: 700.5,
      latency_p99_us: 1500,
      latency_max_us: 2100,
    });
  });

  it('counts a client that stopped before the end marker as not working', () => {
    const metrics = foreignMetrics({ ...SUMMARY, stop_reason: 'duration' });
    expect(metrics).toMatchObject({ client_works: 0, unexpected_outcome_count: 1 });
  });
});
