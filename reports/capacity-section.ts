/**
 * The capacity search's reading, for REPORT.md, report.html and the console: per transport the knee
 * (the most connections whose step met the p99 limit with nothing lost), and at each step tried its
 * p99 and server memory per connection. Computed from the capacity cells' step metrics.
 */
import { CAPACITY_SCENARIO, CAPACITY_STEPS } from '../bench/capacity/capacity-scenario.js';
import { stepMetric } from '../bench/capacity/capacity-metrics.js';
import type { CellResult, ResultsDocument } from '../bench/results.js';
import { formatCount, formatDurationUs, formatSignificant } from './format.js';
import { describeCell, metricMedian, ranCellsOf } from './results-query.js';
import type { TableModel } from './scenario-content.js';

export const CAPACITY_TITLE = 'Capacity: how many connections one server holds';

export interface CapacitySection {
  intro: string;
  table: TableModel;
  /** One line per transport, computed from the figures. */
  interpretation: string[];
}

function capacityCells(doc: ResultsDocument): CellResult[] {
  return ranCellsOf(doc, CAPACITY_SCENARIO);
}

/** A step's cell text: `p99 12 ms · 14 KiB/conn`, `✗ p99 233 ms`, or `—` when not tried. */
function stepText(cell: CellResult, connections: number): string {
  const p99 = metricMedian(cell, stepMetric(connections, 'latency_p99_us'));
  if (p99 === undefined) return '—';
  const passed = metricMedian(cell, stepMetric(connections, 'passed')) === 1;
  const rss = metricMedian(cell, stepMetric(connections, 'server_rss_kib_per_conn'));
  const memory = rss !== undefined ? ` · ${formatSignificant(rss)} KiB/conn` : '';
  return `${passed ? '' : '✗ '}p99 ${formatDurationUs(p99)}${memory}`;
}

function interpret(cell: CellResult, limitMs: number): string {
  const knee = metricMedian(cell, 'capacity_knee_connections') ?? 0;
  const name = describeCell(cell);
  const next = CAPACITY_STEPS.find((step) => step > knee);
  const missed = next !== undefined ? metricMedian(cell, stepMetric(next, 'latency_p99_us')) : undefined;
  const after =
    next === undefined
      ? 'every step tried met it'
      : missed === undefined
        ? `${formatCount(next)} was not reached (see the cell's warnings)`
        : `at ${formatCount(next)} the p99 was ${formatDurationUs(missed)}`;
  if (knee === 0) return `${name}: no step met the ${limitMs} ms p99 limit; ${after}.`;
  return `${name}: held ${formatCount(knee)} connections within a ${limitMs} ms p99; ${after}.`;
}

export function buildCapacitySection(doc: ResultsDocument): CapacitySection | undefined {
  const cells = capacityCells(doc);
  if (cells.length === 0) return undefined;
  const limitMs = metricMedian(cells[0], 'capacity_p99_limit_ms') ?? 0;
  return {
    intro: `Each step opens that many connections to one server on this machine, broadcasts to all of them and measures a window; the search stops at the first step whose p99 passes ${limitMs} ms, or that loses a message or a connection. ✗ marks that step; — a step not tried.`,
    table: {
      headers: ['transport', 'knee', ...CAPACITY_STEPS.map(formatCount)],
      rows: cells.map((cell) => [
        describeCell(cell),
        formatCount(metricMedian(cell, 'capacity_knee_connections') ?? 0),
        ...CAPACITY_STEPS.map((step) => stepText(cell, step)),
      ]),
      align: ['left', 'right', ...CAPACITY_STEPS.map(() => 'right' as const)],
    },
    interpretation: cells.map((cell) => interpret(cell, limitMs)),
  };
}
