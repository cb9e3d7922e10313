/**
 * The measure family's results document: the harness's versioned format (bench/results.ts), one
 * cell per workload (`measure/sse/<name>`), one run per repeat, so `npm run report` renders it and
 * `npm run compare` gates two of them like built-in cells. Header values and URL credentials are
 * redacted everywhere they would be recorded: a results file is meant to be shared.
 */
import { collectEnvironment } from '../env.js';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type ResultsDocument } from '../results.js';
import type { MeasureSettings, MeasureWorkload } from './measure-options.js';
import { MEASURE_FAMILY, MEASURE_SCENARIO, type MeasureCellResult } from './measure-cell.js';

/** The URL without user name or password. */
export function redactUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** argv with every --header value and any URL credentials replaced, for the recorded command. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, index) => {
    if (argv[index - 1] === '--header') return arg.replace(/:.*/s, ': <redacted>');
    if (arg.startsWith('--header=')) return arg.replace(/:.*/s, ': <redacted>');
    return /^[a-z]+:\/\/[^/]*@/i.test(arg) ? arg.replace(/\/\/[^/]*@/, '//') : arg;
  });
}

function cellParams(w: MeasureWorkload): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {
    url: redactUrl(w.url),
    method: w.method,
    connections: w.connections,
    rampMs: w.rampMs,
  };
  if (w.durationMs !== undefined) params['durationMs'] = w.durationMs;
  if (w.endMarker !== undefined) params['endMarker'] = w.endMarker;
  if (w.preset !== undefined) params['preset'] = w.preset;
  if (w.checkResumeEvents !== undefined) params['checkResume'] = w.checkResumeEvents;
  return params;
}

function createCell(w: MeasureWorkload): MeasureCellResult {
  return {
    id: `${MEASURE_SCENARIO}/${w.protocol}/${w.name}`,
    scenario: MEASURE_SCENARIO,
    transport: w.protocol,
    variant: w.preset ?? w.protocol,
    params: cellParams(w),
    config: {
      server: { url: redactUrl(w.url) },
      client: {
        headers: Object.keys(w.headers),
        sendMessages: w.send.length,
        bodyBytes: w.body === undefined ? 0 : Buffer.byteLength(w.body),
        idleTimeoutMs: w.idleTimeoutMs,
        maxLineBytes: w.maxLineBytes,
        maxEventBytes: w.maxEventBytes,
        insecure: w.insecure,
        ...(w.latencyField !== undefined ? { latencyField: w.latencyField, clock: w.clock } : {}),
      },
    },
    runs: [],
    summary: {},
    warnings: [],
    measure: {
      url: redactUrl(w.url),
      protocol: w.protocol,
      ...(w.preset !== undefined ? { preset: w.preset } : {}),
      ...(w.latencyField !== undefined ? { latencyField: w.latencyField } : {}),
      ...(w.endMarker !== undefined ? { endMarker: w.endMarker } : {}),
      resume: [],
      errorExamples: {},
    },
  };
}

export function createMeasureDocument(settings: MeasureSettings, argv: readonly string[]): ResultsDocument {
  const redacted = redactArgv(argv);
  const env = collectEnvironment([
    process.argv[0] ?? 'node',
    process.argv[1] ?? 'dist/bench/measure/cli.js',
    ...redacted,
  ]);
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    env,
    command: redacted,
    plan: {
      profile: MEASURE_FAMILY,
      repeats: settings.repeats,
      warmupMs: 0,
      durationMs: Math.max(0, ...settings.workloads.map((w) => w.durationMs ?? 0)),
      target: settings.workloads.map((w) => redactUrl(w.url)).join(' '),
      scenarios: [
        {
          name: MEASURE_SCENARIO,
          family: MEASURE_FAMILY,
          description:
            'Endpoints measured as they are (npm run measure): no envelope, no server of ours; times from the request start, bytes at the socket.',
          params: { workloads: settings.workloads.length },
        },
      ],
      skippedScenarios: [],
    },
    cells: settings.workloads.map(createCell),
    metricSpecs: {},
    warnings: [],
    errors: [],
    complete: false,
  };
}
