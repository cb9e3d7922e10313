/**
 * `npm run measure -- <url> [options]` or `--config FILE.json`, parsed and validated into
 * MeasureSettings before anything connects. Options map one to one onto RawWorkload fields, so
 * the command line and the config file share one validator (workload.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../cli/usage-error.js';
import { readMeasureConfig } from './config-file.js';
import { MEASURE_DEFAULTS, MEASURE_LIMITS, type MeasureSettings, type RawWorkload } from './measure-options.js';
import { resolveWorkload } from './workload.js';

export const MEASURE_HELP = `Usage: npm run measure -- <url> [options]
       npm run measure -- --config FILE.json [--out FILE] [--json] [--quiet]

Measures any SSE (http://, https://) or WebSocket (ws://, wss://) endpoint as it is: connect time,
time to first event, gaps between events, events and bytes per second, bytes per event counted at
the socket, errors by category, and how each stream ended. Writes the harness's results document
(family "measure"), so npm run report renders it and npm run compare gates two runs.

Request
  --method GET|POST        SSE request method (default GET; POST when a body or preset is given)
  --body JSON|@file        SSE request body (sent as application/json)
  --header 'Name: value'   request header, repeatable
  --send TEXT|@file        WebSocket message sent after the upgrade, repeatable, in order
  --insecure               accept any TLS certificate (self-signed, wrong host); off by default
Load and stop
  --connections N          concurrent connections (default ${MEASURE_DEFAULTS.connections})
  --ramp-ms N              spread connection starts over N ms (default 0: all at once)
  --duration-ms N          stop each connection N ms after it started (default: until the stream ends)
  --end-marker TEXT        an event whose data equals TEXT ends the stream (e.g. [DONE])
  --idle-timeout-ms N      no byte for N ms fails the connection as idle-timeout (default ${MEASURE_DEFAULTS.idleTimeoutMs})
  --max-line-bytes N       longer SSE lines fail as line-too-long (default ${MEASURE_DEFAULTS.maxLineBytes})
  --max-event-bytes N      larger events fail as event-too-large (default ${MEASURE_DEFAULTS.maxEventBytes})
  --repeats N              runs of the whole workload (default ${MEASURE_DEFAULTS.repeats}; compare's rank test needs 5)
Latency and presets
  --latency-field PATH     JSON path into each event's data holding the server's send time (ts, meta.sentAt)
  --clock epoch-ms|epoch-us|epoch-ns   unit of that stamp (default ${MEASURE_DEFAULTS.clock}); both hosts' clocks must agree
  --preset openai-chat     POST a chat-completions body with "stream": true (or --body), read
                           choices[0].delta.content: time to first token, inter-token latency, tokens/s; ends at [DONE]
  --check-resume N         read N events, drop, reconnect with Last-Event-ID, report what the server did
Output
  --config FILE.json       workloads from a file (schema: bench/measure/measure-config.schema.json)
  --name NAME              cell name in the results (default: host and path)
  --out FILE               results file (default reports/runs/<timestamp>/results.json)
  --json                   print the results document on stdout
  --quiet                  no progress or summary, errors only
  -h, --help               this text

Exit codes: 0 ok, 1 a workload had connection or stream errors (results are still written),
2 bad usage or config (nothing connected), 70 internal error, 130 interrupted (what was measured is written).`;

export type MeasureCommand = { kind: 'help' } | { kind: 'run'; settings: MeasureSettings };

const OPTIONS = {
  method: { type: 'string' },
  body: { type: 'string' },
  header: { type: 'string', multiple: true },
  send: { type: 'string', multiple: true },
  connections: { type: 'string' },
  'ramp-ms': { type: 'string' },
  'duration-ms': { type: 'string' },
  'end-marker': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  'max-line-bytes': { type: 'string' },
  'max-event-bytes': { type: 'string' },
  repeats: { type: 'string' },
  'latency-field': { type: 'string' },
  clock: { type: 'string' },
  preset: { type: 'string' },
  'check-resume': { type: 'string' },
  insecure: { type: 'boolean' },
  config: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** RawWorkload key → its command-line flag, for messages. */
const FLAGS: Record<keyof RawWorkload, string> = {
  name: '--name',
  url: '<url>',
  method: '--method',
  body: '--body',
  headers: '--header',
  send: '--send',
  connections: '--connections',
  rampMs: '--ramp-ms',
  durationMs: '--duration-ms',
  idleTimeoutMs: '--idle-timeout-ms',
  endMarker: '--end-marker',
  latencyField: '--latency-field',
  clock: '--clock',
  preset: '--preset',
  checkResume: '--check-resume',
  insecure: '--insecure',
  maxLineBytes: '--max-line-bytes',
  maxEventBytes: '--max-event-bytes',
};

const NUMERIC_FLAGS: [keyof RawWorkload, string][] = [
  ['connections', 'connections'],
  ['rampMs', 'ramp-ms'],
  ['durationMs', 'duration-ms'],
  ['idleTimeoutMs', 'idle-timeout-ms'],
  ['maxLineBytes', 'max-line-bytes'],
  ['maxEventBytes', 'max-event-bytes'],
  ['checkResume', 'check-resume'],
];

function readNumber(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--${flag}`, `must be a number, got ${JSON.stringify(raw)}; give digits, e.g. --${flag} 1000`);
  return value;
}

type Values = Record<string, string | string[] | boolean | undefined>;

function collectRawWorkload(values: Values, url: string | undefined): RawWorkload {
  const raw: RawWorkload = {};
  if (url !== undefined) raw.url = url;
  const strings: [keyof RawWorkload, string][] = [
    ['name', 'name'],
    ['method', 'method'],
    ['body', 'body'],
    ['endMarker', 'end-marker'],
    ['latencyField', 'latency-field'],
    ['clock', 'clock'],
    ['preset', 'preset'],
  ];
  for (const [key, flag] of strings)
    if (values[flag] !== undefined) (raw as Record<string, unknown>)[key] = values[flag];
  for (const [key, flag] of NUMERIC_FLAGS)
    if (values[flag] !== undefined) (raw as Record<string, unknown>)[key] = readNumber(flag, values[flag] as string);
  if (values.header !== undefined) raw.headers = values.header as string[];
  if (values.send !== undefined) raw.send = values.send as string[];
  if (values.insecure === true) raw.insecure = true;
  return raw;
}

function readRepeats(values: Values, fromFile: number | undefined): number {
  const repeats =
    values.repeats === undefined
      ? (fromFile ?? MEASURE_DEFAULTS.repeats)
      : readNumber('repeats', values.repeats as string);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > MEASURE_LIMITS.repeats) {
    throw new UsageError(
      '--repeats',
      `must be an integer from 1 to ${MEASURE_LIMITS.repeats}, got ${JSON.stringify(values.repeats ?? repeats)}; give a whole number (5 or more for compare's rank test)`,
    );
  }
  return repeats;
}

function settingsFromConfig(values: Values, positionals: string[], configPath: string): MeasureSettings {
  if (positionals.length > 0)
    throw new UsageError(
      '<url>',
      `give either a URL or --config, got both (${positionals.join(' ')}); put the endpoint in the config file`,
    );
  const file = path.resolve(configPath);
  const config = readMeasureConfig(file);
  const overrides = collectRawWorkload(values, undefined);
  const workloads = config.workloads.map((entry, index) =>
    resolveWorkload(
      { ...config.defaults, ...entry, ...overrides },
      { field: (key) => `${configPath}: workloads[${index}].${key}`, baseDir: path.dirname(file) },
    ),
  );
  const out =
    (values.out as string | undefined) ??
    (config.out === undefined ? undefined : path.resolve(path.dirname(file), config.out));
  return {
    workloads,
    repeats: readRepeats(values, config.repeats),
    json: values.json === true,
    quiet: values.quiet === true,
    ...(out !== undefined ? { out } : {}),
  };
}

function checkUniqueNames(settings: MeasureSettings): void {
  const seen = new Set<string>();
  for (const w of settings.workloads) {
    const id = `${w.protocol}/${w.name}`;
    if (seen.has(id))
      throw new UsageError(
        'workloads',
        `two workloads are both named ${JSON.stringify(w.name)}; give each a distinct "name"`,
      );
    seen.add(id);
  }
}

/** Parses argv (after `cli.js`); throws UsageError on any bad option. */
export function parseMeasureArgs(argv: readonly string[]): MeasureCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError('arguments', `${(error as Error).message}; see --help for the options`);
  }
  const values = parsed.values as Values;
  if (values.help === true) return { kind: 'help' };
  let settings: MeasureSettings;
  if (values.config !== undefined) settings = settingsFromConfig(values, parsed.positionals, values.config as string);
  else {
    if (parsed.positionals.length !== 1)
      throw new UsageError(
        '<url>',
        `expected one endpoint URL, got ${parsed.positionals.length === 0 ? 'none' : JSON.stringify(parsed.positionals)}; e.g. npm run measure -- http://127.0.0.1:8080/stream, or --config FILE.json`,
      );
    const workload = resolveWorkload(collectRawWorkload(values, parsed.positionals[0]), {
      field: (key) => FLAGS[key],
      baseDir: process.cwd(),
    });
    settings = {
      workloads: [workload],
      repeats: readRepeats(values, undefined),
      json: values.json === true,
      quiet: values.quiet === true,
    };
    if (values.out !== undefined) settings.out = values.out as string;
  }
  checkUniqueNames(settings);
  return { kind: 'run', settings };
}
