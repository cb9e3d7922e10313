import { describe, expect, it } from 'vitest';
import { compareResults } from './compare.js';
import { decideOutcome } from './exit-code.js';
import { buildResultsDocument, buildStreamingCell } from '../../test/support/compare-fixtures.js';
import { renderMarkdownSummary } from './markdown.js';

describe('renderMarkdownSummary', () => {
  const base = buildResultsDocument({
    cells: [buildStreamingCell('steady/sse', 5), buildStreamingCell('steady/ws', 5)],
    repeats: 5,
    seed: 1,
  });
  const head = buildResultsDocument({
    cells: [
      buildStreamingCell('steady/sse', 5, {
        latency_p50_us: { center: 1200, noisePct: 5 },
        lost_count: [0, 0, 0, 3, 0],
      }),
      buildStreamingCell('steady/ws', 5),
    ],
    repeats: 5,
    seed: 2,
  });
  const comparison = compareResults(base, head);
  const outcome = decideOutcome(comparison, { strict: false });
  const markdown = renderMarkdownSummary(comparison, outcome);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| steady/'));

  it('lists every flagged metric with base, head, ratio, interval and verdict, most urgent first', () => {
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('lost_count');
    expect(rows[0]).toContain('**correctness-failure**');
    expect(rows[0]).toContain('| 0 | 0 (max 3) |');
    expect(rows[1]).toMatch(
      /\| steady\/sse \| latency_p50_us \(µs\) \| [\d.]+ \| [\d.]+ \| 1\.\d{3}× \| \[1\.\d{3}×, 1\.\d{3}×\] \|/,
    );
    expect(rows[1]).toContain('**regressed**');
  });

  it('does not list passes one by one, but counts them', () => {
    expect(markdown).not.toContain('| steady/ws |');
    const passed = comparison.entries.filter((e) => e.verdict === 'pass').length;
    expect(markdown).toContain(`2 flagged, ${passed} passed`);
  });

  it('opens with the outcome and its exit code', () => {
    expect(markdown).toContain(`**${outcome.label}** (exit 1)`);
  });
});
