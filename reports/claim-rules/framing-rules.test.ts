import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from '../../test/support/rule-helpers.js';

const FRAMING = 'framing/sse';

describe('SSE-8: lost or run-together messages, by parser', () => {
  it('depends on the parser: the spec parser intact, the hand-written readers not, each with its cause', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'SSE-8')).toBe('depends');
    const text = verdictTextOf(doc, 'SSE-8');
    expect(text).toMatch(
      /^on the client's parser: the spec parser \(eventsource-parser\) lost, corrupted and repeated nothing in 1,554 deliveries; /,
    );
    expect(text).toMatch(
      /naive per-chunk line reader: lost 2,799, corrupted 4,228 in 1,554 deliveries, 1,295 of them changed by where the stream was split/,
    );
    expect(text).toMatch(
      /iter_lines reader \(the seed's Python: .*\): lost 1,554, corrupted 3,108 in 1,554 deliveries, the same however the stream was split \(a failure of the event format/,
    );
    const row = rowOf(doc, 'SSE-8');
    expect(row.sse).toHaveLength(3);
    expect(row.sse[0]).toMatch(/^spec parser \(eventsource-parser\): lost 0 .* spurious 0 .* split-sensitive runs 0/);
    expect(row.ws[0]).toMatch(/^not applicable/);
  });

  it('is supported when even the spec parser lost, corrupted or repeated a message', () => {
    for (const metric of ['framing_spec_lost_count', 'framing_spec_corrupted_count', 'framing_spec_spurious_count']) {
      const doc = buildFixtureDocument();
      setFigure(doc, FRAMING, metric, 1);
      expect(verdictOf(doc, 'SSE-8')).toBe('supported');
    }
  });

  it('is refuted when no reader failed, and names only the failing readers otherwise', () => {
    const doc = buildFixtureDocument();
    for (const metric of [
      'framing_naive_lost_count',
      'framing_naive_corrupted_count',
      'framing_naive_cut_sensitive_runs',
    ])
      setFigure(doc, FRAMING, metric, 0);
    expect(verdictOf(doc, 'SSE-8')).toBe('depends');
    expect(verdictTextOf(doc, 'SSE-8')).not.toMatch(/naive per-chunk/);
    for (const metric of ['framing_iter_lines_lost_count', 'framing_iter_lines_corrupted_count'])
      setFigure(doc, FRAMING, metric, 0);
    expect(verdictOf(doc, 'SSE-8')).toBe('refuted');
  });

  it('is not measured when framing was skipped, or recorded no spec counts', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'framing'), 'SSE-8').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario framing was not run (skipped in this plan); scenario seed-stack was not run',
    });
    const doc = buildFixtureDocument();
    const cell = doc.cells.find((c) => c.id === FRAMING)!;
    for (const metric of Object.keys(cell.summary).filter((name) => name.startsWith('framing_spec_')))
      delete cell.summary[metric];
    expect(rowOf(doc, 'SSE-8').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'framing recorded no framing_spec_* counts for SSE',
    });
  });
});
