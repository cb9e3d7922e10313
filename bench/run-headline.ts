/**
 * The key figures of one finished run, for the progress line: a table per scenario family of the
 * metrics that answer that family's question, in the order a reader asks them (wire-console-tables
 * style: rows are data, not a chain of ifs). A figure shows when the run has its metric, so one
 * family's list serves all its scenarios (llm-stream shows ttft, steady does not). Then, whatever
 * the family, every must-be-zero count that is not zero, as the correctness gate will report it.
 */
import { formatValue } from './console-format.js';
import { framingMetricName } from './framing/framing-metrics.js';
import { PARSER_NAMES } from './framing/parser-adapters.js';
import { catalogueSpec } from './metric-catalogue.js';
import { MICRO_BENCHMARKS, microMetricName, type MicroBenchmarkName } from './micro/micro-metrics.js';
import type { RunResult } from './results.js';

/** One figure of a headline: the metric it reads and how it reads on the line. */
export interface HeadlineFigure {
  metric: string;
  show: (value: number) => string;
}

/** `label value unit`, in the console's number format. */
function figure(metric: string, label: string, unit: string): HeadlineFigure {
  return { metric, show: (value) => `${label} ${formatValue(value, unit)}`.trim() };
}

/** A 1/0 metric (did it work?) as words. */
function outcome(metric: string, yes: string, no: string): HeadlineFigure {
  return { metric, show: (value) => (value === 1 ? yes : no) };
}

/** Micro-benchmarks report ns per operation; a person compares rates more easily. */
function opsPerSec(name: MicroBenchmarkName): HeadlineFigure {
  const label = name.replace(/^envelope_/, '').replaceAll('_', ' ');
  return {
    metric: microMetricName(name),
    show: (nsPerOp) => {
      const perSec = 1e9 / nsPerOp;
      return `${label} ${perSec >= 1e6 ? `${(perSec / 1e6).toFixed(1)} M` : `${(perSec / 1e3).toFixed(0)} k`} ops/s`;
    },
  };
}

/** Key figures by scenario family (bench/families.ts); the order is the order on the line. */
export const HEADLINE_FIGURES: Readonly<Record<string, readonly HeadlineFigure[]>> = {
  stream: [
    figure('ttft_p50_us', 'ttft', 'µs'),
    figure('latency_p50_us', 'p50', 'µs'),
    figure('latency_p99_us', 'p99', 'µs'),
    figure('throughput_msgs_per_sec', '', 'msg/s'),
  ],
  faults: [
    figure('streams_cut_count', 'cut', 'count'),
    figure('detect_p50_ms', 'detect p50', 'ms'),
    figure('reconnect_p50_ms', 'reconnect p50', 'ms'),
    figure('lost_count', 'lost', 'count'),
    figure('lost_without_resume_count', 'lost', 'count'),
    figure('replayed_count', 'replayed', 'count'),
  ],
  'client-impl': [
    figure('client_impl_loc', 'lines of code', 'count'),
    figure('client_impl_features_count', 'features', 'count'),
  ],
  framing: PARSER_NAMES.flatMap((parser) => [
    figure(framingMetricName(parser, 'lost_count'), `${parser} lost`, 'count'),
    figure(framingMetricName(parser, 'corrupted_count'), `${parser} corrupted`, 'count'),
  ]),
  wire: [
    figure('wire_bytes_down_per_msg', 'down/msg', 'B'),
    figure('overhead_bytes_down_per_msg', 'overhead/msg', 'B'),
    figure('compression_ratio', 'compression', 'ratio'),
    figure('wire_bytes_up_per_msg', 'up/msg', 'B'),
    figure('overhead_bytes_up_per_msg', 'overhead up/msg', 'B'),
    figure('latency_p50_us', 'p50', 'µs'),
  ],
  proxy: [
    outcome('works', 'works', 'refused'),
    figure('first_message_p50_us', 'first event', 'µs'),
    figure('ttft_p50_us', 'first token', 'µs'),
    { metric: 'first_event_ratio_vs_direct', show: (ratio) => `${ratio.toFixed(2)}x direct` },
    figure('proxy_added_latency_p50_us', 'added p50', 'µs'),
  ],
  polyglot: [
    outcome('client_works', 'works', 'did not work'),
    figure('messages_received', 'delivered', 'count'),
    figure('latency_p50_us', 'p50', 'µs'),
    figure('latency_above_min_p50_us', 'p50 above min', 'µs'),
    figure('page_errors_count', 'page errors', 'count'),
  ],
  micro: (Object.keys(MICRO_BENCHMARKS) as MicroBenchmarkName[]).map(opsPerSec),
  capacity: [figure('capacity_knee_connections', 'knee', 'count'), figure('capacity_p99_limit_ms', 'at p99 ≤', 'ms')],
  'many-streams': [
    figure('streams_stalled', 'stalled', 'count'),
    figure('ttfe_p50_us', 'first event p50', 'µs'),
    figure('ttfe_max_us', 'max', 'µs'),
  ],
  'seed-stack': [
    figure('emitter_default_events', 'SseEmitter() events', 'count'),
    figure('emitter_zero_events', 'SseEmitter(0L) events', 'count'),
    figure('ahc_article_lost_or_mangled', 'article handler lost/mangled', 'count'),
    figure('cases_lost', 'article reader lost', 'count'),
    figure('latency_p50_us', 'p50', 'µs'),
    figure('dev_first_event_ms', 'first event', 'ms'),
    figure('dev_event_spread_ms', 'events spread over', 'ms'),
    figure('page_first_event_ms', 'page first event', 'ms'),
  ],
};

/** Counts the correctness gate fails on (bench/correctness.ts), where this run has them above zero. */
function brokenCounts(metrics: Record<string, number>): string[] {
  return Object.entries(metrics).flatMap(([name, value]) =>
    catalogueSpec(name)?.mustBeZero && value > 0 ? [`${name} = ${value}`] : [],
  );
}

/** One line's worth: the family's key figures, then anything broken; a failed run says why. */
export function describeRunHeadline(run: RunResult, family: string): string {
  if (run.status === 'failed') return `FAILED ${run.error?.category}: ${run.error?.message.split('\n')[0]}`;
  const figures = (HEADLINE_FIGURES[family] ?? []).flatMap((f) =>
    run.metrics[f.metric] === undefined ? [] : [f.show(run.metrics[f.metric]!)],
  );
  const broken = brokenCounts(run.metrics);
  const parts = [...figures, ...(broken.length > 0 ? [`CORRECTNESS: ${broken.join(', ')}`] : [])];
  // A run with no figure at all (nginx missing, say) carries a warning saying why: show that.
  if (parts.length === 0) return run.warnings[0] ?? 'no figures';
  return parts.join(', ');
}
