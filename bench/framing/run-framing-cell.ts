/**
 * The framing experiment (SSE-8) as a scenario of its own family, so its counts land in the results
 * and the correctness gate: pure computation, no sockets, the same answer every run.
 */
import type { CellRunner } from '../families.js';
import type { Scenario } from '../scenarios.js';
import { runFramingExperiment } from './framing-experiment.js';
import { framingMetrics } from './framing-metrics.js';
import { plainTransportOf, SSE_FAMILY } from '../../transports/families.js';

/** The `framing` family's CellRunner: one experiment, its summed counts as metrics. */
export const runFramingCell: CellRunner = async () => ({
  metrics: framingMetrics(runFramingExperiment()),
  histograms: {},
  errorCounts: {},
  warnings: [],
  serverConfig: {},
});

/** One SSE cell (the experiment is about SSE readers); exact and fast, so it runs in the CI profile. */
export const FRAMING_SCENARIO: Scenario = {
  name: 'framing',
  family: 'framing',
  description:
    'One SSE stream (some events with CRLF line ends, 2- to 4-byte UTF-8 characters, a two-line event) fed to a spec parser (eventsource-parser), a naive line reader and a Python-style iter_lines reader, ' +
    'split at every byte position, one byte per chunk, all in one chunk and one event per chunk: messages lost, corrupted or emitted twice by each reader.',
  stream: {},
  connections: 0,
  variants: [{ transport: plainTransportOf(SSE_FAMILY) }],
  inCiProfile: true,
  inDefaultProfile: {},
};
