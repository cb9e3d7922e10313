import { describe, expect, it } from 'vitest';
import { buildFixtureDocument, FIXTURE_GENERATED_AT } from './fixtures.js';
import { renderMarkdownReport } from './markdown.js';
import { renderTerminalSummary } from './terminal.js';

describe('REPORT.md', () => {
  const doc = buildFixtureDocument();
  const report = renderMarkdownReport(doc);

  it('matches the snapshot for the fixture results', () => {
    expect(doc.generatedAt).toBe(FIXTURE_GENERATED_AT);
    expect(report).toMatchSnapshot();
  });

  it('puts the summary, then the claims table, then the scenarios, then the errors', () => {
    const positions = ['# SSE vs WebSocket', '## Summary', '## Claims', '## Scenarios', '### steady', '### wire', '## Errors'].map((heading) => report.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('varies only in generatedAt between two renders of the same results', () => {
    const later = renderMarkdownReport({ ...buildFixtureDocument(), generatedAt: '2030-12-31T23:59:59.000Z' });
    const before = report.split('\n');
    const after = later.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, index) => (line === after[index] ? [] : [[line, after[index]]]));
    expect(changed).toEqual([[`| Generated | ${FIXTURE_GENERATED_AT} |`, '| Generated | 2030-12-31T23:59:59.000Z |']]);
  });

  it('shows medians with their spread, the WS/SSE ratio and the TCP floor', () => {
    expect(report).toMatch(/\| `latency_p50_us` \| \d+ µs ±\d+% \| \d+ µs ±\d+% \| 0\.\d\d× \| \d+ µs ±\d+% \|/);
    expect(report).toContain('| Metric | SSE | WebSocket | WS/SSE | TCP floor |');
    expect(report).toContain('WS/SSE (ws ÷ sse-post)');
  });

  it('flags warnings: a saturated client, a failed repeat, too few samples for p99.9', () => {
    expect(report).toMatch(/`steady\/ws`: client-saturated: .* \(1 of 3 repeats\)/);
    expect(report).toContain('`fan-out/ws`: repeat 2 failed (timeout:connect: 3 of 100 connections did not open within 5000 ms)');
    expect(report).toContain('`fan-out/sse`: too few samples for p99.9: latency_us has 800 values in a repeat (p99.9 needs 1,000)');
  });

  it('shows the harness overhead against its goal in the summary', () => {
    expect(report).toMatch(/- Harness overhead \(full\/bare client throughput, goal ≥ 0\.80\): SSE 0\.\d\d× \(meets goal\), WebSocket 0\.\d\d× \(BELOW GOAL/);
  });

  it('lists the errors, the exact command and the method', () => {
    expect(report).toContain('## Errors\n\n- `timeout:connect` in `fan-out/ws`: 3 of 100 connections did not open within 5000 ms');
    expect(report).toContain('| Command | `node dist/bench/cli.js --profile fixture` |');
    expect(report).toContain('open-loop schedule');
  });

  it('embeds each chart as text without colour codes and links its SVG', () => {
    expect(report).toContain('![Latency by percentile (steady; every repeat)](charts/steady-latency-percentiles.svg)');
    expect(report).toContain('── SSE   ━━ WebSocket   ══ TCP floor');
    expect(report).not.toMatch(/\u001b\[/);
  });

  it('marks a scenario that did not run instead of leaving an empty table', () => {
    const partial = buildFixtureDocument();
    partial.plan.skippedScenarios.push('fan-out');
    partial.complete = false;
    const text = renderMarkdownReport(partial);
    expect(text).toMatch(/### fan-out\n\nMany connections[^\n]*\n\n_Not run._/);
    expect(text).toContain('PARTIAL RESULTS');
  });
});

describe('terminal summary', () => {
  it('prints the headline figures, every verdict and one chart, as plain text', () => {
    const text = renderTerminalSummary(buildFixtureDocument());
    expect(text).toMatch(/steady latency_p50_us +\d+ µs +\d+ µs +0\.\d\d×/);
    expect(text).toMatch(/^WS-7 +not measured here/m);
    expect(text).toContain('── SSE   ━━ WebSocket');
    expect(text).not.toMatch(/\u001b\[/);
  });
});
