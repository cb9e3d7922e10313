import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildResultsDocument, buildStreamingCell } from '../../test/support/compare-fixtures.js';
import { loadResultsDocument, parseResultsDocument } from './load.js';
import { UsageError } from '../../cli/usage-error.js';

const valid = buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: 3, seed: 1 });

function parseWith(changes: Record<string, unknown>): () => unknown {
  return () => parseResultsDocument(JSON.stringify({ ...valid, ...changes }), 'base.json');
}

describe('parseResultsDocument', () => {
  it('accepts a valid document unchanged', () => {
    expect(parseResultsDocument(JSON.stringify(valid), 'head.json')).toEqual(valid);
  });

  it('rejects another schema version naming the file, the version found and the one expected', () => {
    expect(parseWith({ schemaVersion: 999 })).toThrow(UsageError);
    expect(parseWith({ schemaVersion: 999 })).toThrow(
      /^base\.json has results schemaVersion 999, but this compare reads schemaVersion 1 or 2\./,
    );
  });

  it('reads a version-1 document (no metric specs carried) as this version, with no specs', () => {
    const { metricSpecs: _dropped, ...withoutSpecs } = valid;
    const loaded = parseResultsDocument(JSON.stringify({ ...withoutSpecs, schemaVersion: 1 }), 'ci.json');
    expect(loaded.schemaVersion).toBe(1);
    expect(loaded.metricSpecs).toEqual({});
  });

  it('points at a malformed metric spec', () => {
    expect(parseWith({ metricSpecs: [] })).toThrow(
      'base.json is not a valid results document: metricSpecs must be an object',
    );
    expect(parseWith({ metricSpecs: { latency_p50_us: { unit: 'µs', class: 'slow', better: 'lower' } } })).toThrow(
      'metricSpecs.latency_p50_us.class must be "exact", "noisy" or "info"',
    );
  });

  it('rejects a JSON file that is not a results document', () => {
    expect(parseWith({ schema: 'something-else' })).toThrow(
      'base.json is not a results document: schema is "something-else", expected "sse-ws-bench/results"',
    );
    expect(() => parseResultsDocument('[1, 2]', 'x.json')).toThrow(
      'x.json is not a valid results document: the top level must be an object',
    );
    expect(() => parseResultsDocument('{"schema":', 'x.json')).toThrow(/^x\.json is not valid JSON/);
  });

  it('points at the malformed field', () => {
    const cells = structuredClone(valid.cells);
    (cells[0]?.runs[1]?.metrics as Record<string, unknown>).latency_p50_us = 'fast';
    expect(parseWith({ cells })).toThrow(
      'base.json is not a valid results document: cells[0].runs[1].metrics.latency_p50_us must be a number',
    );
    expect(parseWith({ cells: {} })).toThrow('cells must be an array');
  });
});

describe('loadResultsDocument', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compare-load-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and names it in errors', async () => {
    const path = join(dir, 'base.json');
    await writeFile(path, JSON.stringify(valid));
    await expect(loadResultsDocument(path)).resolves.toEqual(valid);
    await expect(loadResultsDocument(join(dir, 'absent.json'))).rejects.toThrow(
      `cannot read results file ${join(dir, 'absent.json')}`,
    );
  });
});
