/**
 * "Beyond the article": the many-streams table and its computed reading, in REPORT.md and
 * report.html, from a document holding a few many-streams cells beside the fixture's own.
 */
import { describe, expect, it } from 'vitest';
import { MANY_STREAMS_SCENARIO } from '../bench/many-streams/many-streams-scenario.js';
import type { ResultsDocument, TransportName } from '../bench/results.js';
import { TRANSPORTS } from '../transports/registry.js';
import { buildFixtureDocument, buildSyntheticCell } from '../test/support/report-fixtures.js';
import { renderHtmlReport } from './html-report.js';
import { buildManyStreamsSection, inferStreamLimit } from './many-streams-section.js';
import { renderMarkdownReport } from './markdown.js';

const HTTP1_SSE = TRANSPORTS.find((t) => t.family === 'sse' && !t.capabilities.tls)!;
const HTTP2_SSE = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed)!;
const WS = TRANSPORTS.find((t) => t.family === 'ws' && !t.capabilities.tls)!;

/** Chromium at 1, 7 and 20 streams: six at once over HTTP/1.1, all over HTTP/2, WebSocket slow at 20; our client stalls none. */
const FIGURES: { transport: string; client: string; stalled: number[]; version?: number }[] = [
  { transport: HTTP1_SSE.name, client: 'chromium', stalled: [0, 1, 14], version: 1.1 },
  { transport: HTTP2_SSE.name, client: 'chromium', stalled: [0, 0, 0], version: 2 },
  { transport: WS.name, client: 'chromium', stalled: [0, 0, 3], version: 1.1 },
  { transport: HTTP1_SSE.name, client: 'node', stalled: [0, 0, 0] },
];
const COUNTS = [1, 7, 20];

function withManyStreams(doc: ResultsDocument): ResultsDocument {
  for (const figures of FIGURES) {
    COUNTS.forEach((streams, index) => {
      const stalled = figures.stalled[index]!;
      const medians: Record<string, number> = {
        streams_opened: streams,
        streams_stalled: stalled,
        ttfe_p50_us: 2000 + 100 * streams,
        ttfe_max_us: 5000,
      };
      if (figures.version !== undefined) medians.negotiated_http_version = figures.version;
      const cell = buildSyntheticCell({
        scenario: MANY_STREAMS_SCENARIO,
        transport: figures.transport as TransportName,
        variant: `${figures.transport}-${figures.client}`,
        params: { streams, client: figures.client, stallDeadlineMs: 3000 },
        medians,
        spreadPct: 0,
      });
      doc.cells.push(cell);
    });
  }
  doc.plan.scenarios.push({
    name: MANY_STREAMS_SCENARIO,
    family: 'many-streams',
    description: 'many streams to one origin',
    params: {},
  });
  return doc;
}

describe('the many-streams section', () => {
  it('is absent when the scenario did not run', () => {
    const doc = buildFixtureDocument();
    expect(buildManyStreamsSection(doc)).toBeUndefined();
    expect(renderMarkdownReport(doc)).not.toContain('Beyond the article');
  });

  it('tabulates stalled streams and median time to first event by transport, client and count, Chromium first', () => {
    const section = buildManyStreamsSection(withManyStreams(buildFixtureDocument()))!;
    expect(section.table.headers).toEqual(['Transport', 'Client', 'Protocol', '1 stream', '7 streams', '20 streams']);
    expect(section.table.rows[0]).toEqual([
      HTTP1_SSE.label,
      'Chromium',
      'HTTP/1.1 (seen)',
      '0 · 2.1 ms',
      '1 · 2.7 ms',
      '14 · 4 ms',
    ]);
    expect(section.table.rows[1]).toEqual([
      HTTP2_SSE.label,
      'Chromium',
      'HTTP/2 + TLS (seen)',
      '0 · 2.1 ms',
      '0 · 2.7 ms',
      '0 · 4 ms',
    ]);
    expect(section.table.rows.at(-1)).toEqual([
      HTTP1_SSE.label,
      'Node (ours)',
      HTTP1_SSE.layer,
      '0 · 2.1 ms',
      '0 · 2.7 ms',
      '0 · 4 ms',
    ]);
  });

  it('reads the figures in one line per client: the stalls at the first count that had any, and the limit they show', () => {
    const { interpretation } = buildManyStreamsSection(withManyStreams(buildFixtureDocument()))!;
    expect(interpretation).toEqual([
      `Chromium stalled, at 7 streams to one origin: 1 of 7 over ${HTTP1_SSE.label}, none over ${HTTP2_SSE.label}, none over ${WS.label}; at 20: 14 of 20 over ${HTTP1_SSE.label}, none over ${HTTP2_SSE.label}, 3 of 20 over ${WS.label}. Over ${HTTP1_SSE.label}, every stream beyond the first 6 stalled at every count: 6 at once per origin. Over ${WS.label}, the stalls follow no fixed number of streams.`,
      'Node (ours) stalled no stream at any count up to 20 (every stream had its first event within 3 s).',
    ]);
  });

  it('infers a limit only from stalls that agree on it', () => {
    const row = (pairs: [number, number][]) => ({
      byCount: new Map(
        pairs.map(([count, stalled]) => [
          count,
          buildSyntheticCell({
            scenario: MANY_STREAMS_SCENARIO,
            transport: 'sse',
            params: { streams: count },
            medians: { streams_stalled: stalled },
          }),
        ]),
      ),
    });
    expect(
      inferStreamLimit(
        row([
          [1, 0],
          [7, 1],
          [100, 94],
        ]),
      ),
    ).toBe(6);
    expect(
      inferStreamLimit(
        row([
          [7, 0],
          [20, 3],
          [100, 44],
        ]),
      ),
    ).toBeUndefined();
    expect(
      inferStreamLimit(
        row([
          [1, 0],
          [100, 0],
        ]),
      ),
    ).toBeUndefined();
    expect(
      inferStreamLimit(
        row([
          [1, 0],
          [7, 0],
          [20, 3],
        ]),
      ),
    ).toBeUndefined();
  });

  it('sits after the claims in REPORT.md and report.html, leaving the first screen alone', () => {
    const doc = withManyStreams(buildFixtureDocument());
    const markdown = renderMarkdownReport(doc);
    const lines = markdown.split('\n');
    expect(lines.indexOf('## Beyond the article')).toBeGreaterThan(lines.indexOf('## Claims in full'));
    expect(lines.indexOf('## Beyond the article')).toBeLessThan(lines.indexOf('## Summary'));
    expect(markdown).toContain(
      `| ${HTTP1_SSE.label} | Chromium | HTTP/1.1 (seen) | 0 · 2.1 ms | 1 · 2.7 ms | 14 · 4 ms |`,
    );
    expect(markdown).toContain('- Chromium stalled, at 7 streams to one origin: 1 of 7');
    const html = renderHtmlReport(doc, new Map());
    expect(html).toMatch(
      /<section id="beyond-article"><h2>Beyond the article<\/h2>[\s\S]*<td>Chromium<\/td>[\s\S]*Chromium stalled, at 7 streams/,
    );
  });
});
