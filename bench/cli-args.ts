/** `npm run bench` command line: parsed and validated before anything starts. */
import { parseArgs } from 'node:util';
import { defaultTransportNames, TRANSPORTS, type TransportName } from '../transports/registry.js';
import { parseInjection } from '../servers/fault-injection.js';
import { UsageError } from '../cli/usage-error.js';
import type { RunOptions } from './plan.js';
import { PROFILES } from './profiles.js';
import { parseServerImpls } from './seed/server-impl.js';
import { parseRedisUrl } from './distributed/redis-url.js';

export interface CliOptions extends RunOptions {
  help: boolean;
  list: boolean;
  quiet: boolean;
  json: boolean;
  /** Results JSON path; default reports/runs/<timestamp>/results.json. */
  out?: string;
  /** Skip writing REPORT.md and charts (results JSON only). */
  noReport: boolean;
  /** A/B mode: a built checkout of the base to measure interleaved with this one. */
  ab?: string;
}

export const BENCH_HELP = `Usage: npm run bench -- [options]

Runs matching SSE and WebSocket servers and clients side by side and writes a results JSON and a
report under reports/runs/<timestamp>/ (reports/latest points at the newest).

Options:
  --scenario a,b          scenarios to run (default: the profile's; see --list); under the default
                          profile a scenario runs its default share of cells (--profile full: all)
  --profile NAME          ${Object.values(PROFILES)
    .map((p) => `${p.name}: ${p.description}`)
    .join('\n                          ')}
  --repeats N             repeats per cell (runs interleave SSE, WS, SSE, WS …)
  --warmup-ms N           warm-up per run, discarded
  --duration-ms N         measured window per run
  --transports a,b        only these transports (default: ${defaultTransportNames().join(',')}); all:
                          ${TRANSPORTS.map((t) => `${t.name} (${t.layer})`).join(',\n                          ')}
  --target URL            measure a running server instead of ours; repeatable, one per transport:
                          by scheme: ${schemeHelp()}
                          (of two with one scheme, the one --transports names).
                          The server must send the harness's envelope (see README, "Wire envelope").
  --server node,java      which servers the stream scenarios run on (default: node): java is the article's
                          stack, Spring SseEmitter and JSR-356 WebSocket on Tomcat 9 (cells java-sse, java-ws)
  --redis URL             distributed run: the Redis (redis://HOST:PORT) the load workers take shards
                          from; start them with npm run worker -- --redis URL (README, "Running
                          across machines"); needs --shards
  --shards N              split each stream cell's connections over N workers that start at one
                          common time; their results merge exactly (chat, llm and non-stream
                          scenarios are refused when named, skipped otherwise); needs --redis
  --client-processes N    split each stream cell's connections over N client processes on this
                          machine, measuring one window, merged exactly (chat, llm and non-stream
                          scenarios keep their own)
  --capacity-p99-ms N     the capacity scenario's p99 latency limit: the search stops at the first
                          step of connections whose p99 passes it (default: 100)
  --insecure              with an https:// or wss:// --target: do not check its certificate (for a
                          self-signed server of yours); off by default
  --out FILE              where to write the results JSON (with --ab: the folder for base.json,
                          head.json and compare.md)
  --ab DIR                A/B: measure a built checkout of the base (DIR, after npm install && npm run
                          build there) interleaved run for run with this one, compare them, re-measure
                          flagged cells once, and exit as \`npm run compare\` does (0, 1, 3, 4)
  --no-report             write the results JSON only
  --quiet                 no progress and no tables (errors still go to stderr)
  --json                  print the results JSON on stdout instead of tables
  --list                  list the scenarios and the claims each answers
  --inject SPEC           test only: make every server misbehave, e.g. delay=2 (ms per batch),
                          skip=50 (drop every 50th message); for checking the compare's gates
  -h, --help              this text

Exit codes: 0 ok; 1 a correctness failure (lost, duplicated, reordered or corrupted messages) or a
cell that failed to run (with --shards: a shard that started late, stalled or died); 2 bad usage;
4 a watchdog stopped a hung phase; 69 the --redis Redis is unreachable; 70 internal error;
130 interrupted (Ctrl-C; the partial results are written).`;

function parseInjectOption(spec: string) {
  try {
    return parseInjection(spec);
  } catch (err) {
    throw new UsageError('--inject', (err as Error).message.replace(/^--inject:? ?/, ''));
  }
}

function parseList(raw: unknown): string[] | undefined {
  return typeof raw === 'string'
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

function parseInt10(field: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new UsageError(field, `must be a whole number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Each scheme and its transports, from the registry, for --help. */
function schemeHelp(): string {
  const schemes = [...new Set(TRANSPORTS.map((t) => t.scheme))];
  return schemes
    .map(
      (scheme) =>
        `${scheme} ${TRANSPORTS.filter((t) => t.scheme === scheme)
          .map((t) => t.name)
          .join(' or ')}`,
    )
    .join(', ');
}

/**
 * Maps each --target URL to its transport by scheme: of the transports with that scheme, the one
 * `--transports` names, else the first registered (an https: URL is HTTP/1.1 unless HTTP/2 is asked for).
 */
export function parseTargets(urls: string[], selected: readonly string[] = []): Partial<Record<TransportName, string>> {
  const targets: Partial<Record<TransportName, string>> = {};
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UsageError(
        '--target',
        `${JSON.stringify(raw)} is not a URL; give e.g. http://127.0.0.1:8080/stream or ws://127.0.0.1:8081/stream`,
      );
    }
    const candidates = TRANSPORTS.filter((t) => t.scheme === url.protocol);
    const transport = (candidates.find((t) => selected.includes(t.name)) ?? candidates[0])?.name;
    if (transport === undefined)
      throw new UsageError(
        '--target',
        `unsupported scheme ${url.protocol} in ${raw}; use http: or https: (SSE), ws: or wss: (WebSocket) or tcp: (floor)`,
      );
    if (targets[transport] !== undefined)
      throw new UsageError('--target', `two targets for ${transport}; give one URL per transport`);
    targets[transport] = url.href;
  }
  return targets;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const str = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        scenario: str,
        profile: str,
        repeats: str,
        'warmup-ms': str,
        'duration-ms': str,
        transports: str,
        target: { type: 'string', multiple: true },
        server: str,
        insecure: flag,
        redis: str,
        shards: str,
        'capacity-p99-ms': str,
        'client-processes': str,
        out: str,
        inject: str,
        ab: str,
        'no-report': flag,
        quiet: flag,
        json: flag,
        list: flag,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError('arguments', `${(err as Error).message}; see --help`);
  }
  const transports = parseList(values.transports);
  const targets = parseTargets(values.target ?? [], transports ?? []);
  if (values.insecure && Object.keys(targets).length === 0)
    throw new UsageError(
      '--insecure',
      "applies to an https:// or wss:// --target only; our own servers are checked against the run's certificate",
    );
  if (values.ab !== undefined && (values.redis !== undefined || values.shards !== undefined))
    throw new UsageError('--ab', 'runs on this machine only: drop --redis/--shards, or run the A/B without them');
  return {
    help: values.help ?? false,
    list: values.list ?? false,
    quiet: values.quiet ?? false,
    json: values.json ?? false,
    noReport: values['no-report'] ?? false,
    profile: values.profile ?? 'default',
    ...(values.scenario !== undefined ? { scenarios: parseList(values.scenario) } : {}),
    ...(transports !== undefined ? { transports } : {}),
    ...(values.insecure ? { insecure: true } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.ab !== undefined ? { ab: values.ab } : {}),
    repeats: parseInt10('--repeats', values.repeats),
    warmupMs: parseInt10('--warmup-ms', values['warmup-ms']),
    durationMs: parseInt10('--duration-ms', values['duration-ms']),
    capacityP99Ms: parseInt10('--capacity-p99-ms', values['capacity-p99-ms']),
    clientProcesses: parseInt10('--client-processes', values['client-processes']),
    ...(values.redis !== undefined ? { redis: parseRedisUrl(values.redis) } : {}),
    ...(values.shards !== undefined ? { shards: parseInt10('--shards', values.shards) } : {}),
    ...(Object.keys(targets).length > 0 ? { targets } : {}),
    ...(values.inject !== undefined ? { inject: parseInjectOption(values.inject) } : {}),
    ...(values.server !== undefined ? { serverImpls: parseServerImpls(values.server)! } : {}),
  };
}
