/**
 * From one repeat's recording to the flat metrics, encoded histograms and error counts of a
 * RunResult. Pure: the same recording always gives the same figures.
 */
import type * as hdr from 'hdr-histogram-js';
import { encodeHistogram } from '../../clients/recorder.js';
import { median } from '../stats.js';
import { HISTOGRAMS, type ConnectionRecord } from './run-recorder.js';
import type { RepeatRecording } from './run-workload.js';
import type { StreamError } from './stream-errors.js';

export interface RepeatFigures {
  metrics: Record<string, number>;
  histograms: Record<string, string>;
  errorCounts: Record<string, number>;
  /** One example per error category, for the console and the report. */
  errorExamples: StreamError[];
}

const PERCENTILES: [label: string, percentile: number][] = [
  ['p50', 50],
  ['p90', 90],
  ['p99', 99],
  ['p999', 99.9],
];

function percentileFigures(prefix: string, histogram: hdr.Histogram): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [label, percentile] of PERCENTILES)
    figures[`${prefix}_${label}_us`] = histogram.getValueAtPercentile(percentile);
  figures[`${prefix}_max_us`] = histogram.maxValue;
  figures[`${prefix}_mean_us`] = Math.round(histogram.mean);
  return figures;
}

function countEnds(connections: readonly ConnectionRecord[]): Record<string, number> {
  const ends = { end_marker_count: 0, server_close_count: 0, deadline_count: 0, stream_errors_count: 0 };
  for (const { outcome } of connections) {
    if (outcome?.error !== undefined) ends.stream_errors_count++;
    else if (outcome?.end === 'end-marker') ends.end_marker_count++;
    else if (outcome?.end === 'server-close') ends.server_close_count++;
    else if (outcome?.end === 'deadline') ends.deadline_count++;
  }
  return ends;
}

function countErrors(connections: readonly ConnectionRecord[]): Pick<RepeatFigures, 'errorCounts' | 'errorExamples'> {
  const errorCounts: Record<string, number> = {};
  const errorExamples: StreamError[] = [];
  for (const { outcome } of connections) {
    const error = outcome?.error;
    if (error === undefined) continue;
    if (errorCounts[error.category] === undefined) errorExamples.push(error);
    errorCounts[error.category] = (errorCounts[error.category] ?? 0) + 1;
  }
  return { errorCounts, errorExamples };
}

/** Bytes after the handshake each way, over the connections that got past it. */
function sumStreamBytes(connections: readonly ConnectionRecord[]): {
  down: number;
  up: number;
  handshakesDown: number[];
  handshakesUp: number[];
} {
  const sums = { down: 0, up: 0, handshakesDown: [] as number[], handshakesUp: [] as number[] };
  for (const { outcome } of connections) {
    if (outcome === undefined || outcome.counts.handshakeDown === 0) continue;
    sums.down += outcome.counts.read - outcome.counts.handshakeDown;
    sums.up += outcome.counts.written - outcome.counts.handshakeUp;
    sums.handshakesDown.push(outcome.counts.handshakeDown);
    sums.handshakesUp.push(outcome.counts.handshakeUp);
  }
  return sums;
}

function volumeFigures(recording: RepeatRecording, sendsPerConnection: number): Record<string, number> {
  const { connections } = recording.recorder;
  const events = connections.reduce((sum, c) => sum + c.events, 0);
  const seconds = (recording.endNs - recording.startNs) / 1e9;
  const bytes = sumStreamBytes(connections);
  // A stream cut by us is not a stream total: its count would gate a deadline, not the server.
  const complete = connections.every((c) => c.outcome?.end === 'end-marker' || c.outcome?.end === 'server-close');
  const figures: Record<string, number> = {
    connections: connections.length,
    [complete ? 'events_received' : 'events_in_window']: events,
  };
  if (seconds > 0) {
    figures['events_per_sec'] = events / seconds;
    figures['wire_bytes_down_per_sec'] = bytes.down / seconds;
  }
  if (events > 0 && bytes.handshakesDown.length > 0) figures['wire_bytes_down_per_event'] = bytes.down / events;
  const sends = sendsPerConnection * bytes.handshakesUp.length;
  if (sends > 0) figures['wire_bytes_up_per_message'] = bytes.up / sends;
  if (bytes.handshakesDown.length > 0) {
    figures['handshake_bytes_down'] = median(bytes.handshakesDown);
    figures['handshake_bytes_up'] = median(bytes.handshakesUp);
  }
  return figures;
}

/** Token chunks, and each connection's decode rate, (tokens − 1) gaps over first to last token; their median. */
function tokenFigures(connections: readonly ConnectionRecord[]): Record<string, number> {
  const tokens = connections.reduce((sum, c) => sum + c.tokens, 0);
  const rates = connections.flatMap((c) =>
    c.tokens >= 2 && c.lastTokenNs! > c.firstTokenNs!
      ? [(c.tokens - 1) / ((c.lastTokenNs! - c.firstTokenNs!) / 1e9)]
      : [],
  );
  return { tokens_received: tokens, ...(rates.length > 0 ? { tokens_per_sec: median(rates) } : {}) };
}

export function computeRepeatFigures(
  recording: RepeatRecording,
  sendsPerConnection: number,
  isOpenAi: boolean,
): RepeatFigures {
  const { recorder } = recording;
  const metrics: Record<string, number> = {
    ...volumeFigures(recording, sendsPerConnection),
    ...countEnds(recorder.connections),
  };
  const histograms: Record<string, string> = {};
  const families: [string, string][] = Object.values(HISTOGRAMS).map((name) => [name.replace(/_us$/, ''), name]);
  for (const [prefix, name] of families) {
    const histogram = recorder.histograms.get(name);
    if (histogram === undefined || histogram.totalCount === 0) continue;
    Object.assign(metrics, percentileFigures(prefix, histogram));
    histograms[name] = encodeHistogram(histogram);
  }
  if (recorder.unstampedEvents > 0) metrics['unstamped_events_count'] = recorder.unstampedEvents;
  if (isOpenAi) Object.assign(metrics, tokenFigures(recorder.connections));
  return { metrics, histograms, ...countErrors(recorder.connections) };
}
