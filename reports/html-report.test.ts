import { describe, expect, it } from 'vitest';
import { buildCharts } from './charts/build-charts.js';
import { VERDICT_GRID_ID } from './charts/verdict-grid.js';
import { CLAIM_RULES } from './claims.js';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';
import { renderHtmlReport } from './html-report.js';
import { renderChartFiles } from './write.js';

const doc = buildFixtureDocument();
const svgs = new Map(
  [...(await renderChartFiles(doc))].map(([path, svg]) => [path.replace(/^charts\/|\.svg$/g, ''), svg]),
);
const html = renderHtmlReport(doc, svgs, { claimsHref: '../../../docs/claims.md' });

describe('report.html', () => {
  it('fetches nothing: no script, no external style, font or image, no http(s) URL outside a plain link', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    // The only http(s) URLs allowed are text (cited sources) or <a href> a reader may follow.
    for (const match of html.matchAll(/(\S*)\s*=\s*"https?:\/\//g)) expect(match[1]).toBe('href');
    expect(html).not.toMatch(/xmlns(:xlink)?="http/);
  });

  it('puts the header and the verdict of every claim, with a coloured badge, before anything else', () => {
    const table = html.slice(html.indexOf('<table class="verdicts">'), html.indexOf('</table>'));
    expect(html.indexOf('<table class="verdicts">')).toBeLessThan(html.indexOf('id="key-charts"'));
    expect([...table.matchAll(/<td><a href="#([a-z]+-\d+)">/g)].map((match) => match[1])).toEqual(
      CLAIM_RULES.map((rule) => rule.id.toLowerCase()),
    );
    expect(table).toMatch(/<span class="badge supported">supported<\/span>/);
    expect(table).toMatch(/<span class="badge not-measured">not measured here<\/span>/);
    expect(html).toMatch(/<dt>Run<\/dt><dd>2026-01-02 03:04 UTC · profile fixture/);
    expect(html).toContain('<a href="../../../docs/claims.md">docs/claims.md</a>');
  });

  it('inlines every chart as SVG, the verdict grid and key charts first', () => {
    const ids = [VERDICT_GRID_ID, ...buildCharts(doc).map((chart) => chart.id)];
    for (const id of ids) expect(html, id).toContain(`<figure data-chart="${id}"><svg`);
    const keyCharts = html.slice(html.indexOf('id="key-charts"'), html.indexOf('id="claims"'));
    expect([...keyCharts.matchAll(/data-chart="([a-z0-9-]+)"/g)].map((match) => match[1])).toEqual([
      VERDICT_GRID_ID,
      'steady-latency-percentiles',
      'wire-overhead-by-payload',
      'chat-latency-percentiles',
    ]);
  });

  it("keeps the evidence, scenarios and configuration behind <details>, with the run's metadata", () => {
    for (const rule of CLAIM_RULES) expect(html).toContain(`<details id="${rule.id.toLowerCase()}">`);
    expect(html).toContain('<details id="scenario-steady"><summary>steady');
    expect(html).toContain('<summary>Server and client configuration of each cell</summary>');
    expect(html).toMatch(/<td>Packages<\/td><td>ws [^<]+<\/td>/);
    expect(html).toMatch(/<td>Node<\/td><td>v\d+/);
    expect(html).toContain('timeout:connect in fan-out/ws: 3 of 100 connections did not open within 5000 ms');
  });

  it('escapes text from the results', () => {
    const hostile = buildFixtureDocument();
    hostile.errors.push({ category: 'config', message: '<img src=x onerror=alert(1)>' });
    expect(renderHtmlReport(hostile, svgs)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
