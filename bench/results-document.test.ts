import { describe, expect, it } from 'vitest';
import { buildResultsDocument, buildStreamingCell } from '../test/support/compare-fixtures.js';
import { catalogueSpec } from './metric-catalogue.js';
import { addRun } from './results-document.js';

describe('addRun', () => {
  it('carries the spec of every metric a run reported into the document, and only those', () => {
    const doc = buildResultsDocument({ cells: [buildStreamingCell('steady/sse', 5)], repeats: 1, seed: 1 });
    const run = {
      ...doc.cells[0]!.runs[0]!,
      metrics: { latency_p50_us: 800, heartbeat_bytes_per_min: 12, mystery_widgets: 3 },
    };
    doc.cells[0]!.runs = [];
    doc.metricSpecs = {};
    addRun(doc, 0, run);
    expect(doc.metricSpecs).toEqual({
      heartbeat_bytes_per_min: catalogueSpec('heartbeat_bytes_per_min'),
      latency_p50_us: catalogueSpec('latency_p50_us'),
    });
    expect(doc.metricSpecs['heartbeat_bytes_per_min']?.class).toBe('noisy');
  });
});
