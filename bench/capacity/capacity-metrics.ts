/**
 * Metrics of the capacity cells: the knee, and per step tried the figures the search decided on.
 * Step names carry the connection count (`capacity_2000_latency_p99_us`), one spec per step of
 * CAPACITY_STEPS, so the catalogue stays a static list.
 */
import type { MetricSpec } from '../metrics.js';
import { CAPACITY_STEPS } from './capacity-scenario.js';

/** A step's metric name: `capacity_<connections>_<figure>`. */
export function stepMetric(connections: number, figure: StepFigure): string {
  return `capacity_${connections}_${figure}`;
}

export const STEP_FIGURES = [
  'latency_p50_us',
  'latency_p99_us',
  'connections_open',
  'connect_all_ms',
  'server_rss_kib_per_conn',
  'server_heap_kib_per_conn',
  'client_rss_kib_per_conn',
  'passed',
] as const;
export type StepFigure = (typeof STEP_FIGURES)[number];

const STEP_SPECS: Record<StepFigure, Omit<MetricSpec, 'name'>> = {
  latency_p50_us: { unit: 'µs', class: 'noisy', better: 'lower', description: 'one-way latency, median' },
  latency_p99_us: { unit: 'µs', class: 'noisy', better: 'lower', description: 'one-way latency, 99th percentile' },
  connections_open: { unit: 'count', class: 'info', better: 'none', description: 'connections open in the window' },
  connect_all_ms: { unit: 'ms', class: 'noisy', better: 'lower', description: 'time to open every connection' },
  server_rss_kib_per_conn: { unit: 'KiB', class: 'info', better: 'lower', description: 'server RSS per connection' },
  server_heap_kib_per_conn: { unit: 'KiB', class: 'info', better: 'lower', description: 'server heap per connection' },
  client_rss_kib_per_conn: { unit: 'KiB', class: 'info', better: 'lower', description: 'client RSS per connection' },
  passed: {
    unit: 'flag',
    class: 'info',
    better: 'higher',
    description: '1 when the step met the p99 limit with every connection open and nothing lost, else 0',
  },
};

export const CAPACITY_METRICS: readonly MetricSpec[] = [
  {
    name: 'capacity_knee_connections',
    unit: 'connections',
    class: 'noisy',
    better: 'higher',
    description: 'the largest connection count whose step met the p99 limit with no errors or losses (0: none did)',
  },
  {
    name: 'capacity_p99_limit_ms',
    unit: 'ms',
    class: 'info',
    better: 'none',
    description: 'the p99 latency limit a step had to meet (--capacity-p99-ms)',
  },
  ...CAPACITY_STEPS.flatMap((connections) =>
    STEP_FIGURES.map((figure) => ({
      name: stepMetric(connections, figure),
      ...STEP_SPECS[figure],
      description: `at ${connections} connections: ${STEP_SPECS[figure].description}`,
    })),
  ),
];
