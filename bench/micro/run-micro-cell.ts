/**
 * The `micro` scenario family: the tinybench micro-benchmarks as cells of a normal run, so they land
 * in the results document and the CI compare beside the network figures. The SSE cell times the
 * text envelope and SSE event paths, the WS cell the binary envelope and WS frame paths. They run in
 * the runner process: nothing here touches a socket, so no child is needed.
 */
import type { CellRunner } from '../families.js';
import { registerScenarios } from '../scenarios.js';
import type { MicroBenchmarkName } from './micro-metrics.js';
import { runMicroBenchmarks, toMicroMetrics } from './run-micro.js';
import { COMPARED_FAMILIES, plainTransportOf } from '../../transports/families.js';

const TASKS_BY_TRANSPORT: Record<string, MicroBenchmarkName[]> = {
  sse: ['envelope_text_encode', 'envelope_text_decode', 'sse_event_encode', 'sse_event_parse'],
  ws: ['envelope_binary_encode', 'envelope_binary_decode', 'ws_frame_encode', 'ws_frame_parse'],
};

/** Sampling time per task: short, because a ~100 ns operation gets thousands of samples anyway. */
const MICRO_TIME_MS = 60;

export const runMicroCell: CellRunner = async (cell) => {
  const only = TASKS_BY_TRANSPORT[cell.transport] ?? [];
  const results = await runMicroBenchmarks({ only, timeMs: MICRO_TIME_MS, warmupMs: 30 });
  const failed = results.filter((r) => r.error !== undefined);
  return {
    metrics: toMicroMetrics(results),
    histograms: {},
    errorCounts: Object.fromEntries(failed.map((r) => [r.error!.category, 1])),
    warnings: failed.map((r) => `${r.name}: ${r.error!.message}`),
    serverConfig: { note: 'no server: CPU-only micro-benchmarks in the runner process', tasks: only },
  };
};

registerScenarios([
  {
    name: 'micro',
    family: 'micro',
    description:
      'CPU-only micro-benchmarks of each transport’s hot path (tinybench): encode and parse one message, no network. A low-noise signal beside the network figures.',
    stream: {},
    connections: 0,
    variants: COMPARED_FAMILIES.map((family) => ({ transport: plainTransportOf(family) })),
    inCiProfile: true,
  },
]);
