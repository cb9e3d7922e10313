/**
 * Metric specs are one static catalogue, carried in each results document: a report (another
 * process, other imports) renders a saved run exactly as bench did, the document's spec wins over
 * the catalogue's, nothing is guessed from a name, and every metric a family emits has a spec.
 * This file imports no family module (bench/all-families.ts): it must not need to.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildResultsDocument, buildStreamingCell } from '../test/support/compare-fixtures.js';
import { framingMetrics } from '../bench/framing/framing-metrics.js';
import { runFramingExperiment } from '../bench/framing/framing-experiment.js';
import {
  buildMetricCatalogue,
  catalogueSpec,
  METRIC_CATALOGUE,
  METRIC_FAMILIES,
  specsForMetrics,
} from '../bench/metric-catalogue.js';
import type { MetricSpec } from '../bench/metrics.js';
import { MICRO_BENCHMARKS, microMetricName, type MicroBenchmarkName } from '../bench/micro/micro-metrics.js';
import type { ResultsDocument } from '../bench/results.js';
import { collectCellWarnings } from './cell-warnings.js';
import { noiseMarginPct } from './claim-rules/compare.js';
import { buildFixtureDocument } from '../test/support/report-fixtures.js';
import { loadResultsFile } from './load-results.js';
import { renderMarkdownReport } from './markdown.js';
import { renderScenarioPages } from './markdown-scenario.js';
import { metricClass } from './metric-info.js';
import { runReportCli } from './report-cli.js';
import { serialiseResults } from './write.js';

function metricNamesOf(doc: ResultsDocument): string[] {
  return [...new Set(doc.cells.flatMap((cell) => cell.runs.flatMap((run) => Object.keys(run.metrics))))];
}

/** REPORT.md and every scenario page, as `npm run bench` and `npm run report` write them. */
function renderMarkdown(doc: ResultsDocument): string {
  return [renderMarkdownReport(doc), ...renderScenarioPages(doc).values()].join('\n');
}

const noisyBytes = (name: string): MetricSpec => ({
  name,
  unit: 'B',
  class: 'noisy',
  better: 'lower',
  description: 'bytes that vary run to run',
});

describe('the metric catalogue', () => {
  it('is built from an explicit list of families, and refuses a name two families both define', () => {
    expect(METRIC_FAMILIES.map((family) => family.family)).toEqual([
      'stream',
      'wire',
      'faults',
      'framing',
      'polyglot',
      'proxy',
      'micro',
      'measure',
      'seed-stack',
      'many-streams',
      'capacity',
    ]);
    expect(METRIC_CATALOGUE.all().length).toBe(
      METRIC_FAMILIES.reduce((total, family) => total + family.specs.length, 0),
    );
    const twice = [
      { family: 'a', specs: [noisyBytes('x_bytes')] },
      { family: 'b', specs: [noisyBytes('x_bytes')] },
    ];
    expect(() => buildMetricCatalogue(twice)).toThrow('metric x_bytes is specified by both the a and the b family');
  });

  it('has a spec for every metric any family emits (report fixtures of every family, compare fixtures, framing, micro)', () => {
    const emitted = [
      ...metricNamesOf(buildFixtureDocument()),
      ...metricNamesOf(buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: 1, seed: 1 })),
      ...Object.keys(framingMetrics(runFramingExperiment())),
      ...(Object.keys(MICRO_BENCHMARKS) as MicroBenchmarkName[]).map(microMetricName),
    ];
    expect(emitted.length).toBeGreaterThan(100);
    expect([...new Set(emitted)].filter((name) => catalogueSpec(name) === undefined)).toEqual([]);
  });

  it('gives a document the specs of the metrics its runs reported, and only those', () => {
    const doc = buildFixtureDocument();
    expect(Object.keys(doc.metricSpecs).sort()).toEqual(metricNamesOf(doc).sort());
    expect(specsForMetrics(['latency_p50_us', 'not_a_metric'])).toEqual({
      latency_p50_us: catalogueSpec('latency_p50_us'),
    });
  });
});

describe("a metric's class", () => {
  it('comes from the spec, even where the name looks like an exact count', () => {
    // The catalogue says noisy (per minute at the run's heartbeat interval); the name says bytes.
    expect(catalogueSpec('heartbeat_bytes_per_min')?.class).toBe('noisy');
    expect(metricClass({}, 'heartbeat_bytes_per_min')).toBe('noisy');
    expect(metricClass({ resent_bytes_count: noisyBytes('resent_bytes_count') }, 'resent_bytes_count')).toBe('noisy');
  });

  it('comes from the document before the catalogue', () => {
    expect(metricClass({}, 'handshake_bytes_down')).toBe('exact');
    expect(metricClass({ handshake_bytes_down: noisyBytes('handshake_bytes_down') }, 'handshake_bytes_down')).toBe(
      'noisy',
    );
    const summary = { median: 100, min: 99, max: 101, spreadPct: 2, n: 3 };
    expect(noiseMarginPct({}, 'handshake_bytes_down', summary, summary)).toBe(0);
    expect(
      noiseMarginPct(
        { handshake_bytes_down: noisyBytes('handshake_bytes_down') },
        'handshake_bytes_down',
        summary,
        summary,
      ),
    ).toBe(5);
  });

  it('is info when no spec exists anywhere, never a guess from the name', () => {
    expect(metricClass({}, 'mystery_bytes_count')).toBe('info');
    expect(metricClass({}, 'mystery_latency_p50_us')).toBe('info');
  });

  it('decides which spreads warn: a noisy spec warns where an exact one would not', () => {
    const doc = buildFixtureDocument();
    const cell = doc.cells.find((c) => c.id === 'steady/sse')!;
    cell.summary['resent_bytes_count'] = { median: 100, min: 50, max: 150, spreadPct: 100, n: 3 };
    const exact: MetricSpec = { ...noisyBytes('resent_bytes_count'), class: 'exact' };
    expect(collectCellWarnings(cell, 3, { resent_bytes_count: exact }).join('\n')).not.toContain('resent_bytes_count');
    expect(collectCellWarnings(cell, 3, { resent_bytes_count: noisyBytes('resent_bytes_count') }).join('\n')).toContain(
      'resent_bytes_count 100%',
    );
  });
});

describe('npm run report on saved results', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'metric-specs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders exactly what bench rendered from the same document', async () => {
    const doc = buildFixtureDocument();
    const file = join(dir, 'results.json');
    await writeFile(file, serialiseResults(doc));
    expect(renderMarkdown(await loadResultsFile(file))).toBe(renderMarkdown(doc));
  });

  it('follows the specs the document carries when the catalogue has changed since the run', async () => {
    const doc = buildFixtureDocument();
    const cell = doc.cells.find((c) => c.id === 'steady/sse')!;
    cell.summary['handshake_bytes_down'] = { ...cell.summary['handshake_bytes_down']!, spreadPct: 80, n: 3 };
    const exactly = renderMarkdown(doc);
    expect(exactly).not.toMatch(/noisy \(spread above 25% across repeats\):[^\n]*handshake_bytes_down/);
    // The run that wrote this document knew handshake_bytes_down as noisy: the saved report says so.
    doc.metricSpecs['handshake_bytes_down'] = noisyBytes('handshake_bytes_down');
    const file = join(dir, 'results.json');
    await writeFile(file, serialiseResults(doc));
    expect(renderMarkdown(await loadResultsFile(file))).toMatch(
      /noisy \(spread above 25% across repeats\):[^\n]*handshake_bytes_down 80%/,
    );
  });

  it('renders a version-1 document (no specs carried) by the catalogue, as bench rendered it', async () => {
    const doc = buildFixtureDocument();
    const { metricSpecs: _carried, ...version1 } = { ...doc, schemaVersion: 1 };
    const file = join(dir, 'v1.json');
    await writeFile(file, JSON.stringify(version1));
    const loaded = await loadResultsFile(file);
    expect(loaded.metricSpecs).toEqual({});
    expect(renderMarkdown(loaded)).toBe(renderMarkdown(doc));
  });

  it('still renders a metric no spec knows, as info', async () => {
    const doc = buildFixtureDocument();
    const cell = doc.cells.find((c) => c.id === 'steady/sse')!;
    for (const run of cell.runs) run.metrics['mystery_widgets'] = 7;
    cell.summary['mystery_widgets'] = { median: 7, min: 7, max: 7, spreadPct: 0, n: cell.runs.length };
    const file = join(dir, 'results.json');
    await writeFile(file, serialiseResults(doc));
    const errors: string[] = [];
    expect(await runReportCli([file, '--no-screenshot'], { out: () => {}, err: (text) => errors.push(text) })).toBe(0);
    expect(errors).toEqual([]);
    expect(await readFile(join(dir, 'scenarios', 'steady.md'), 'utf8')).toContain('mystery_widgets');
    expect(metricClass(doc.metricSpecs, 'mystery_widgets')).toBe('info');
  });
});
