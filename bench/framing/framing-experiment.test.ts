import { describe, expect, it } from 'vitest';
import { catalogueSpec } from '../metric-catalogue.js';
import { DELIVERY_MODES, type DeliveryMode } from './delivery-plans.js';
import { runFramingExperiment, type DeliveryOutcome, type FramingResult } from './framing-experiment.js';
import { framingMetrics } from './framing-metrics.js';
import { parseWithSpec } from './parser-adapters.js';
import { buildFramingStream } from './framing-stream.js';
import { tallyMessages } from './message-tally.js';

const full = runFramingExperiment();
const withoutMultiLine = runFramingExperiment({
  multiLineEvent: false,
  deliveries: ['one-chunk', 'event-per-chunk', 'split-once'],
});

function delivery(result: FramingResult, mode: DeliveryMode): DeliveryOutcome {
  const found = result.deliveries.find((outcome) => outcome.mode === mode);
  if (found === undefined) throw new Error(`no ${mode} delivery in result`);
  return found;
}

describe('framing experiment: the spec reader', () => {
  it.each(DELIVERY_MODES)('delivers every event intact under %s', (mode) => {
    const { tally, cutSensitiveRuns } = delivery(full, mode).parsers.spec;
    expect(tally.delivered).toBe(tally.sent);
    expect({
      lost: tally.lost,
      corrupted: tally.corrupted,
      spurious: tally.spurious,
      parseErrors: tally.parseErrors,
    }).toEqual({ lost: 0, corrupted: 0, spurious: 0, parseErrors: 0 });
    expect(cutSensitiveRuns).toBe(0);
  });

  it('was given every kind of split: after a line, between CR and LF, inside a UTF-8 character', () => {
    const kinds = delivery(full, 'split-once').bySplitKind;
    expect(kinds?.['line-boundary'].positions).toBeGreaterThan(0);
    expect(kinds?.['cr-lf'].positions).toBeGreaterThan(0);
    expect(kinds?.['utf8-inside'].positions).toBeGreaterThan(0);
    expect(delivery(full, 'split-once').runs).toBe(full.stream.streamBytes - 1);
  });

  it('needs the streaming decoder: decoding each chunk alone corrupts a split character', () => {
    const stream = buildFramingStream({ eventCount: 3, crlfEvery: 0, multiLineEvent: false });
    const cut = stream.bytes.indexOf(Buffer.from('é')) + 1;
    const chunks = [stream.bytes.subarray(0, cut), stream.bytes.subarray(cut)];
    const decodedAlone = chunks.map((chunk) => new Uint8Array(Buffer.from(chunk.toString('utf8'))));
    expect(tallyMessages(stream.events, parseWithSpec(chunks).messages).corrupted).toBe(0);
    expect(tallyMessages(stream.events, parseWithSpec(decodedAlone).messages).corrupted).toBe(1);
  });
});

describe('framing experiment: the naive per-chunk reader', () => {
  it('loses and corrupts events when the stream is split', () => {
    for (const mode of ['split-once', 'one-byte-chunks'] as const) {
      const { tally, cutSensitiveRuns } = delivery(full, mode).parsers.naive;
      expect(tally.lost).toBeGreaterThan(0);
      expect(cutSensitiveRuns).toBeGreaterThan(0);
    }
    expect(delivery(full, 'split-once').parsers.naive.tally.corrupted).toBeGreaterThan(0);
    expect(delivery(withoutMultiLine, 'split-once').parsers.naive.tally.corrupted).toBeGreaterThan(0);
    // One byte per chunk: no line is ever whole, so nothing at all arrives.
    expect(delivery(full, 'one-byte-chunks').parsers.naive.tally.delivered).toBe(0);
  });

  it('breaks on every split inside a UTF-8 character and on none right after a line end', () => {
    const kinds = delivery(full, 'split-once').bySplitKind;
    expect(kinds?.['utf8-inside'].cutSensitiveRuns.naive).toBe(kinds?.['utf8-inside'].positions);
    expect(kinds?.['line-boundary'].cutSensitiveRuns.naive).toBe(0);
  });

  it('loses nothing when each event arrives in its own chunk, or all run together in one', () => {
    for (const mode of ['event-per-chunk', 'one-chunk'] as const) {
      const { tally } = delivery(withoutMultiLine, mode).parsers.naive;
      expect({ delivered: tally.delivered, lost: tally.lost, corrupted: tally.corrupted }).toEqual({
        delivered: tally.sent,
        lost: 0,
        corrupted: 0,
      });
    }
  });

  it('loses exactly the multi-line event, however the stream is chunked into events', () => {
    const { tally } = delivery(full, 'event-per-chunk').parsers.naive;
    expect({ lost: tally.lost, corrupted: tally.corrupted, delivered: tally.delivered }).toEqual({
      lost: 1,
      corrupted: 2,
      delivered: tally.sent - 1,
    });
  });
});

describe('framing experiment: the iter-lines reader (requests)', () => {
  it('is insensitive to cuts but still loses the multi-line event', () => {
    for (const mode of DELIVERY_MODES) {
      const outcome = delivery(full, mode);
      expect(outcome.parsers['iter-lines'].cutSensitiveRuns).toBe(0);
      expect(outcome.parsers['iter-lines'].tally.lost).toBe(outcome.runs);
    }
    expect(delivery(withoutMultiLine, 'split-once').parsers['iter-lines'].tally.lost).toBe(0);
  });
});

describe('framing metrics and options', () => {
  it('reports the spec reader as gated zeros and the naive readers as information', () => {
    const metrics = framingMetrics(full);
    expect(metrics['framing_spec_lost_count']).toBe(0);
    expect(metrics['framing_spec_corrupted_count']).toBe(0);
    expect(metrics['framing_naive_lost_count']).toBeGreaterThan(0);
    expect(metrics['framing_naive_corrupted_count']).toBeGreaterThan(0);
    expect(metrics['framing_runs_count']).toBe(full.stream.streamBytes - 1 + 3);
    expect(catalogueSpec('framing_spec_corrupted_count')).toMatchObject({ class: 'exact', mustBeZero: true });
    expect(catalogueSpec('framing_naive_corrupted_count')?.class).toBe('info');
    expect(catalogueSpec('framing_naive_corrupted_count')?.mustBeZero).toBeUndefined();
  });

  it('rejects bad options with the field named', () => {
    expect(() => runFramingExperiment({ eventCount: 0 })).toThrow('options.eventCount must be an integer >= 1, got 0');
    expect(() => runFramingExperiment({ deliveries: ['sideways' as DeliveryMode] })).toThrow(
      'options.deliveries: unknown mode "sideways"',
    );
  });
});
