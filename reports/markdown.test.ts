import { describe, expect, it } from 'vitest';
import { CLAIM_RULES } from './claims.js';
import { buildFixtureDocument, FIXTURE_GENERATED_AT } from '../test/support/report-fixtures.js';
import { renderMarkdownReport } from './markdown.js';
import { renderScenarioPages } from './markdown-scenario.js';
import { renderTerminalSummary } from './terminal.js';

const CLAIM_IDS = CLAIM_RULES.map((rule) => rule.id);
/** The promise of the layout: a reader sees every verdict without scrolling past this line. */
const FIRST_SCREEN_LINES = 40;

describe('REPORT.md', () => {
  const doc = buildFixtureDocument();
  const report = renderMarkdownReport(doc);
  const lines = report.split('\n');
  const pages = renderScenarioPages(doc);

  it('matches the snapshot for the fixture results', () => {
    expect(doc.generatedAt).toBe(FIXTURE_GENERATED_AT);
    expect(report).toMatchSnapshot();
  });

  it('holds the verdict of every claim within its first 40 lines, with room for another header line', () => {
    const tableStart = lines.findIndex((line) => line.startsWith('| ID | Claim | Verdict | SSE | WebSocket |'));
    expect(tableStart).toBeGreaterThan(0);
    const rows = lines.slice(tableStart + 2, tableStart + 2 + CLAIM_IDS.length);
    expect(rows.map((row) => /^\| \[([A-Z]+-\d+)\]/.exec(row)?.[1])).toEqual(CLAIM_IDS);
    // Two spare lines at least: the header may grow by a line (latency resolution, say).
    expect(tableStart + 2 + CLAIM_IDS.length).toBeLessThanOrEqual(FIRST_SCREEN_LINES - 2);
    for (const id of CLAIM_IDS)
      expect(lines.slice(0, FIRST_SCREEN_LINES).join('\n')).toMatch(
        new RegExp(`\\| \\[${id}\\]\\(#${id.toLowerCase()}\\) \\|`),
      );
  });

  it("keeps the verdict table's cells short: a title, the verdict, one figure per transport", () => {
    const tableStart = lines.findIndex((line) => line.startsWith('| ID | Claim |'));
    for (const row of lines.slice(tableStart + 2, tableStart + 2 + CLAIM_IDS.length)) {
      const cells = row.split(' | ').map((cell) => cell.replace(/^\| |\|$/g, '').trim());
      expect(cells, row).toHaveLength(5);
      for (const cell of cells.slice(1)) expect(cell.length, cell).toBeLessThanOrEqual(32);
      expect(cells[2]).toMatch(/^(🟢 supported|🔴 refuted|🟡 depends|⚪ not measured here)$/);
    }
  });

  it('opens with a short header: the run, the machine, the verdict counts and where the claims are', () => {
    expect(lines[0]).toBe('# SSE vs WebSocket: benchmark report');
    expect(lines[2]).toMatch(/^- \*\*Run\*\* 2026-01-02 03:04 UTC · profile fixture: 3 repeats/);
    expect(lines[3]).toMatch(/^- \*\*Machine\*\* Fixture CPU @ 2\.40GHz × 2 cores.* · Node v/);
    expect(lines[4]).toMatch(
      /^- \*\*Verdicts\*\* \d+ supported · \d+ refuted · \d+ depend on a condition · 1 not measured here .*\[docs\/claims\.md\]\(docs\/claims\.md\)$/,
    );
    expect(report).not.toContain('shared/claims.md');
  });

  it('puts the key charts under the table, then each claim in full, the summary, the scenarios, the run and the errors', () => {
    const headings = [
      '| ID | Claim |',
      '## Key charts',
      '## Claims in full',
      '## Summary',
      '## Scenarios',
      '## Run',
      '## Errors',
    ];
    const positions = headings.map((heading) => report.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(report).toContain('![Verdicts at a glance](charts/verdict-grid.svg)');
    const keyCharts = report.slice(report.indexOf('## Key charts'), report.indexOf('## Claims in full'));
    expect([...keyCharts.matchAll(/!\[[^\]]*\]\(charts\/([a-z0-9-]+)\.svg\)/g)].map((match) => match[1])).toEqual([
      'verdict-grid',
      'steady-latency-percentiles',
      'wire-overhead-by-payload',
      'chat-latency-percentiles',
    ]);
  });

  it('gives every claim its full evidence under an anchor the verdict table links to', () => {
    for (const id of CLAIM_IDS) expect(report).toContain(`\n### ${id}\n`);
    const ws2 = report.slice(report.indexOf('### WS-2\n'), report.indexOf('### WS-3\n'));
    expect(ws2).toMatch(/\*\*Verdict: (🟢 supported|🔴 refuted|🟡 depends)\*\*:? .*steady p50/);
    expect(ws2).toMatch(/- steady: p50 \d+ µs ±\d+%/);
    expect(ws2).toContain('⚠ client saturated in steady/ws (1 of 3 repeats)');
    expect(ws2).toMatch(/\*\*Rule:\*\* Supported if WS p50 and p99/);
  });

  it('varies only in generatedAt between two renders of the same results', () => {
    const later = renderMarkdownReport({ ...buildFixtureDocument(), generatedAt: '2030-12-31T23:59:59.000Z' }).split(
      '\n',
    );
    expect(later).toHaveLength(lines.length);
    const changed = lines.flatMap((line, index) => (line === later[index] ? [] : [[line, later[index]]]));
    expect(changed).toHaveLength(2);
    expect(changed[0]![1]).toMatch(/^- \*\*Run\*\* 2030-12-31 23:59 UTC/);
    expect(changed[1]).toEqual([`| Generated | ${FIXTURE_GENERATED_AT} |`, '| Generated | 2030-12-31T23:59:59.000Z |']);
  });

  it('links a page per scenario, where the tables, warnings, charts and configuration went', () => {
    for (const path of pages.keys()) expect(report).toContain(`](${path})`);
    expect([...pages.keys()]).toContain('scenarios/steady.md');
    const steady = pages.get('scenarios/steady.md')!;
    expect(steady).toMatch(/\| `latency_p50_us` \| \d+ µs ±\d+% \| \d+ µs ±\d+% \| 0\.\d\d× \| \d+ µs ±\d+% \|/);
    expect(steady).toContain('| Metric | SSE | WebSocket | WS/SSE | TCP floor |');
    expect(steady).toContain(
      '![Latency by percentile (steady; every repeat)](../charts/steady-latency-percentiles.svg)',
    );
    expect(steady).toContain('[← back to the report](../REPORT.md)');
    expect(steady).toContain('<details><summary>Server and client configuration of each cell</summary>');
    expect(pages.get('scenarios/llm-stream.md')).toContain('WS/SSE (ws ÷ sse-post)');
    expect(report).not.toContain('latency_p50_us` |');
  });

  it('flags warnings on the scenario pages: a saturated client, a failed repeat, too few samples for p99.9', () => {
    expect(pages.get('scenarios/steady.md')).toMatch(/`steady\/ws`: client-saturated: .* \(1 of 3 repeats\)/);
    const fanOut = pages.get('scenarios/fan-out.md')!;
    expect(fanOut).toContain(
      '`fan-out/ws`: repeat 2 failed (timeout:connect: 3 of 100 connections did not open within 5000 ms)',
    );
    expect(fanOut).toContain(
      '`fan-out/sse`: too few samples for p99.9: latency_us has 800 values in a repeat (p99.9 needs 1,000)',
    );
  });

  it('shows the harness overhead against its goal in the summary', () => {
    expect(report).toMatch(
      /- Harness overhead \(full\/bare client throughput, goal ≥ 0\.80\): SSE 0\.\d\d× \(meets goal\), WebSocket 0\.\d\d× \(BELOW GOAL/,
    );
  });

  it('lists the errors, the exact command and the method', () => {
    expect(report).toContain(
      '## Errors\n\n- `timeout:connect` in `fan-out/ws`: 3 of 100 connections did not open within 5000 ms',
    );
    expect(report).toContain('| Command | `node dist/bench/cli.js --profile fixture` |');
    expect(report).toContain('open-loop schedule');
  });

  it('embeds the key charts as text without colour codes beside their SVG', () => {
    expect(report).toContain('![Latency by percentile (steady; every repeat)](charts/steady-latency-percentiles.svg)');
    expect(report).toContain('── SSE   ━━ WebSocket   ══ TCP floor');
    expect(report).not.toContain('\u001b[');
  });

  it('marks a scenario that did not run instead of leaving an empty table', () => {
    const partial = buildFixtureDocument();
    partial.plan.skippedScenarios.push('fan-out');
    partial.complete = false;
    const text = renderMarkdownReport(partial);
    expect(renderScenarioPages(partial).get('scenarios/fan-out.md')).toMatch(
      /# fan-out\n\n.*\n\nMany connections[^\n]*\n\n_Not run._/,
    );
    expect(text).toMatch(/- \[fan-out\]\(scenarios\/fan-out\.md\) \(not run\): Many connections/);
    expect(text.split('\n')[2]).toContain('PARTIAL RESULTS');
    expect(text).toContain('PARTIAL RESULTS: the run was interrupted');
  });

  it('matches the snapshot for one scenario page', () => {
    expect(pages.get('scenarios/wire.md')).toMatchSnapshot();
  });
});

describe('terminal summary', () => {
  it('prints the headline figures, every verdict and one chart, as plain text', () => {
    const text = renderTerminalSummary(buildFixtureDocument());
    expect(text).toMatch(/steady latency_p50_us +\d+ µs +\d+ µs +0\.\d\d×/);
    expect(text).toMatch(/^WS-7 +not measured here/m);
    expect(text).toContain('── SSE   ━━ WebSocket');
    expect(text).not.toContain('\u001b[');
  });
});
