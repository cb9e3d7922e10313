/**
 * The standalone server's command line, validated at the boundary: a bad flag names itself and the
 * fix, and nothing starts.
 */
import { parseArgs } from 'node:util';
import { EXIT } from '../cli/exit-codes.js';
import { UsageError } from '../cli/usage-error.js';
import { PAYLOAD_KINDS, type PayloadKind } from './envelope.js';
import { parseInjection } from './fault-injection.js';
import { SCHEDULE_MODES, type ScheduleMode } from './precise-wait.js';
import { TRANSPORT_NAMES, type TransportName } from '../transports/registry.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type WriteMode } from './server-config.js';

export const SERVER_HELP = `Usage: npm run server -- --transport NAME [options]

Serves one transport standalone, printing the URL a client connects to.
Any client works: curl -N <url> for SSE, a WebSocket client for ws://.

Options:
  --transport NAME         which server (required): ${TRANSPORT_NAMES.join(', ')}
                           (the TLS ones make a self-signed certificate at start: curl -k, --insecure)
  --host ADDR              listen address (default ${DEFAULT_SERVER_CONFIG.host}; use 0.0.0.0 to expose it)
  --port N                 listen port, 0 picks a free one (default ${DEFAULT_SERVER_CONFIG.port})
  --rate N                 default messages/s per stream, 0 = as fast as backpressure allows (default ${DEFAULT_SERVER_CONFIG.defaults.ratePerSec})
  --size N                 default payload bytes (default ${DEFAULT_SERVER_CONFIG.defaults.payloadBytes})
  --kind text|json|binary  default payload kind (default ${DEFAULT_SERVER_CONFIG.defaults.kind})
  --count N                messages before the stream ends, 0 = unbounded (default 0)
  --write-mode coalesced|per-message   one write per tick (best practice) or per message (naive)
  --schedule precise|timer   how batches wait for their due time: precise (within tens of µs, a
                           short spin per batch) or timer (setTimeout, up to ~1 ms late) (default ${DEFAULT_SERVER_CONFIG.schedule})
  --heartbeat-ms N         SSE comment / WS ping interval, 0 = off (default ${DEFAULT_SERVER_CONFIG.heartbeatMs})
  --retry-ms N             SSE retry: field (default ${DEFAULT_SERVER_CONFIG.retryMs})
  --replay N               messages kept for resume (default ${DEFAULT_SERVER_CONFIG.replayCapacity})
  --deflate                WS permessage-deflate on
  --llm-tokens N           tokens per /llm answer (default ${DEFAULT_SERVER_CONFIG.llmTokens})
  --llm-delay-ms N         delay between tokens (default ${DEFAULT_SERVER_CONFIG.llmTokenDelayMs})
  --inject SPEC            test only: skip=N,repeat=N,corrupt=N,delay=MS,late-write-us=US
  --config-json JSON       a whole ServerConfig as JSON (how the runner starts servers)
  -h, --help               this text

Clients choose per connection with query parameters: ?stream=&rate=&size=&kind=&count=&format=
(format=plain sends the payload alone, without the harness's envelope)
(resume: Last-Event-ID header for SSE, ?from=SEQ for WS and TCP).

Exit codes: ${EXIT.ok} stopped cleanly, ${EXIT.startFailed} could not start (port in use...), ${EXIT.usage} bad usage.`;

function readInt(values: Record<string, unknown>, name: string, fallback: number, min: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

function oneOf<T extends string>(name: string, raw: unknown, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** Parses argv into a ServerConfig, or `{ help: true }`; throws UsageError on bad input. */
export function parseServerArgs(argv: string[]): ServerConfig | { help: true } {
  const str = { type: 'string' } as const;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        transport: str,
        host: str,
        port: str,
        rate: str,
        size: str,
        kind: str,
        count: str,
        'write-mode': str,
        schedule: str,
        'heartbeat-ms': str,
        'retry-ms': str,
        replay: str,
        deflate: { type: 'boolean' },
        'llm-tokens': str,
        'llm-delay-ms': str,
        inject: str,
        'config-json': str,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; see --help`);
  }
  const v = parsed.values as Record<string, unknown>;
  if (v.help) return { help: true };
  if (v['config-json'] !== undefined) return JSON.parse(String(v['config-json'])) as ServerConfig;
  if (v.transport === undefined) throw new UsageError(`--transport is required: one of ${TRANSPORT_NAMES.join(', ')}`);
  const d = DEFAULT_SERVER_CONFIG;
  const port = readInt(v, 'port', d.port, 0);
  if (port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`);
  return {
    ...d,
    transport: oneOf<TransportName>('transport', v.transport, TRANSPORT_NAMES, d.transport),
    host: (v.host as string | undefined) ?? d.host,
    port,
    defaults: {
      streamId: 0,
      ratePerSec: readInt(v, 'rate', d.defaults.ratePerSec, 0),
      payloadBytes: readInt(v, 'size', d.defaults.payloadBytes, 1),
      kind: oneOf<PayloadKind>('kind', v.kind, PAYLOAD_KINDS, d.defaults.kind),
      count: readInt(v, 'count', 0, 0),
    },
    writeMode: oneOf<WriteMode>('write-mode', v['write-mode'], ['coalesced', 'per-message'], d.writeMode),
    schedule: oneOf<ScheduleMode>('schedule', v.schedule, SCHEDULE_MODES, d.schedule),
    heartbeatMs: readInt(v, 'heartbeat-ms', d.heartbeatMs, 0),
    retryMs: readInt(v, 'retry-ms', d.retryMs, 0),
    replayCapacity: readInt(v, 'replay', d.replayCapacity, 0),
    perMessageDeflate: Boolean(v.deflate),
    llmTokens: readInt(v, 'llm-tokens', d.llmTokens, 1),
    llmTokenDelayMs: readInt(v, 'llm-delay-ms', d.llmTokenDelayMs, 0),
    ...(v.inject !== undefined ? { inject: parseInjectionOrUsage(String(v.inject)) } : {}),
  };
}

function parseInjectionOrUsage(spec: string) {
  try {
    return parseInjection(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
