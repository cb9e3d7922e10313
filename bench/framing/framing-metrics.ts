/**
 * The framing experiment's metrics, listed in the catalogue (bench/metric-catalogue.ts). The spec reader's counts are correctness gates: any non-zero value means the
 * harness's own SSE reading is broken. The naive readers' counts are information: they show what a
 * hand-written reader loses, and must stay reproducible, but are not the harness failing.
 */
import type { MetricSpec } from '../metrics.js';
import type { FramingResult } from './framing-experiment.js';
import { addTally, emptyTally } from './message-tally.js';
import { PARSER_DESCRIPTIONS, PARSER_NAMES, type ParserName } from './parser-adapters.js';

/** Metric-name fragment per reader (metric names use underscores only). */
const METRIC_PARSER: Record<ParserName, string> = { spec: 'spec', naive: 'naive', 'iter-lines': 'iter_lines' };

/** The name of one reader's metric, e.g. framingMetricName('spec', 'lost_count'). */
export function framingMetricName(
  parser: ParserName,
  what: 'lost_count' | 'corrupted_count' | 'spurious_count' | 'cut_sensitive_runs',
): string {
  return `framing_${METRIC_PARSER[parser]}_${what}`;
}

function specsFor(parser: ParserName): MetricSpec[] {
  const gate = parser === 'spec';
  const count = (what: Parameters<typeof framingMetricName>[1], unit: string, description: string): MetricSpec => ({
    name: framingMetricName(parser, what),
    unit,
    class: gate ? 'exact' : 'info',
    better: gate ? 'lower' : 'none',
    description: `framing experiment, ${PARSER_DESCRIPTIONS[parser]}: ${description}`,
    ...(gate ? { mustBeZero: true } : {}),
  });
  return [
    count('lost_count', 'count', 'events never delivered intact, summed over every delivery run'),
    count('corrupted_count', 'count', 'messages emitted that are not an intact event, summed over every delivery run'),
    count('spurious_count', 'count', 'intact events emitted twice, summed over every delivery run'),
    count('cut_sensitive_runs', 'runs', "delivery runs whose messages differ from the uncut stream's"),
  ];
}

/** Every metric this family reports: four counts per reader, and the number of deliveries. */
export const FRAMING_METRICS: readonly MetricSpec[] = [
  ...PARSER_NAMES.flatMap(specsFor),
  {
    name: 'framing_runs_count',
    unit: 'runs',
    class: 'info',
    better: 'none',
    description:
      'framing experiment: deliveries of the stream per reader (every split position plus the whole-stream modes)',
  },
];

/** Flattens a result into the metrics above: sums over every run of every delivery mode. */
export function framingMetrics(result: FramingResult): Record<string, number> {
  const metrics: Record<string, number> = { framing_runs_count: 0 };
  for (const parser of PARSER_NAMES) {
    const total = emptyTally();
    let cutSensitiveRuns = 0;
    for (const delivery of result.deliveries) {
      addTally(total, delivery.parsers[parser].tally);
      cutSensitiveRuns += delivery.parsers[parser].cutSensitiveRuns;
    }
    metrics[framingMetricName(parser, 'lost_count')] = total.lost;
    metrics[framingMetricName(parser, 'corrupted_count')] = total.corrupted;
    metrics[framingMetricName(parser, 'spurious_count')] = total.spurious;
    metrics[framingMetricName(parser, 'cut_sensitive_runs')] = cutSensitiveRuns;
  }
  metrics['framing_runs_count'] = result.deliveries.reduce((runs, delivery) => runs + delivery.runs, 0);
  return metrics;
}
