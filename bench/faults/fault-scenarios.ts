/**
 * The fault family's scenarios as data: what breaks, when, and the settings both transports run
 * with, each at its best practice and the two comparable:
 * - heartbeats every 500 ms from the server (SSE comments, WS pings) and a client idle timeout of
 *   1,000 ms (an interval plus 500 ms of slack), so a half-open connection is noticed within ~1 s;
 * - the same wait before reconnecting: 200 ms (the SSE server's `retry:`, the WS client's base),
 *   doubled on each failed attempt up to 2 s, plus up to half again at random;
 * - a handshake timeout of 1 s;
 * - the stream's origin fixed, so a restarted server continues the same stream (a durable log).
 * Each scenario runs for a fixed time (the profile only sets the number of repeats) and every
 * reconnect-* scenario has four cells: SSE and WS, with and without resume.
 */
import type { ReconnectClientConfig } from '../../clients/client-protocol.js';
import { TIMELINE_BUCKET_MS } from '../../clients/run-reconnect-clients.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { defaultTransportNames, familyOf, TRANSPORTS, type TransportName } from '../../transports/registry.js';
import type { DefaultProfileShare, Scenario, VariantSpec } from '../scenarios.js';
import type { FaultName } from './fault-stage.js';
import { TCP_FAMILY } from '../../transports/families.js';

/** What one fault scenario does to the clients' connections. */
export interface FaultScript {
  /** The fault injected once the measured window is open; none for long-lived (the path cuts by itself). */
  fault?: FaultName;
  /** When, after the measured window opens. */
  faultAtMs: number;
  /** proxy-down: how long the proxy stays away. */
  downMs: number;
  /** A path that closes connections quiet for this long (long-lived). */
  pathIdleTimeoutMs?: number;
}

const WARMUP_MS = 300;
const SERVER_HEARTBEAT_MS = 500;
const RECONNECT_CLIENT: ReconnectClientConfig = {
  resume: true,
  backoffBaseMs: 200,
  backoffMaxMs: 2000,
  connectTimeoutMs: 1000,
  idleTimeoutMs: 1000,
  openDeadlineMs: 15_000,
};
const FAULT_SERVER: Partial<ServerConfig> = {
  heartbeatMs: SERVER_HEARTBEAT_MS,
  retryMs: RECONNECT_CLIENT.backoffBaseMs,
};
/** The plain SSE and WS transports: the long-lived cells count heartbeat bytes on the TCP path. */
const PLAIN_STREAM_TRANSPORTS: readonly TransportName[] = defaultTransportNames().filter(
  (name) => familyOf(name) !== TCP_FAMILY,
);
/**
 * Reconnection over every transport with one connection per stream, in clear and over TLS (the fault
 * proxy relays TLS untouched); the default selection keeps the plain ones.
 */
const RECONNECT_TRANSPORTS: readonly TransportName[] = TRANSPORTS.filter(
  (t) => t.family !== TCP_FAMILY && !t.capabilities.multiplexed,
).map((t) => t.name);

/** long-lived: a path idle timeout of 600 ms stands for nginx's and load balancers' 60 s; heartbeats of 250 ms for 25 s. */
const PATH_IDLE_TIMEOUT_MS = 600;
const LONG_LIVED_HEARTBEAT_MS = 250;
/** Three messages' worth: a stream without heartbeats is cut after each one, a stream with them never (was 5 s; the count, not its size, is the answer). */
const LONG_LIVED_WINDOW_MS = 3000;

/** reconnect-storm's client: see the scenario below for why these differ from RECONNECT_CLIENT. */
export const STORM_CLIENT: Partial<ReconnectClientConfig> = {
  connectTimeoutMs: 5000,
  openDeadlineMs: 25_000,
  idleTimeoutMs: 3000,
};
/**
 * Heartbeats every 2 s, not 500 ms: the WS server ends a connection that has not answered the last
 * ping by the next, and under the storm the three processes' event loops lag past 500 ms, so the
 * server cut healthy reopened streams (1,686 drops for 1,000 connections) and set off a second
 * storm. The storm's fault is a kill, noticed by its FIN or RST; it needs no heartbeat to be seen.
 */
const STORM_SERVER: Partial<ServerConfig> = { ...FAULT_SERVER, heartbeatMs: 2000 };

const SCRIPTS = new Map<string, FaultScript>();

function reconnectVariants(
  durationMs: number,
  client: Partial<ReconnectClientConfig> = {},
  server: Partial<ServerConfig> = FAULT_SERVER,
): VariantSpec[] {
  return RECONNECT_TRANSPORTS.flatMap((transport) =>
    [true, false].map(
      (resume): VariantSpec => ({
        transport,
        variant: `${transport}-${resume ? 'resume' : 'no-resume'}`,
        server,
        client: { warmupMs: WARMUP_MS, durationMs, reconnect: { ...RECONNECT_CLIENT, ...client, resume } },
        params: { resume, timelineBucketMs: TIMELINE_BUCKET_MS },
      }),
    ),
  );
}

interface ReconnectScenarioSpec {
  name: string;
  description: string;
  fault: FaultName;
  durationMs: number;
  connections?: number;
  ratePerSec?: number;
  client?: Partial<ReconnectClientConfig>;
  server?: Partial<ServerConfig>;
  inCi?: boolean;
  /** The default profile's share; every cell when absent. */
  inDefault?: DefaultProfileShare;
}

function reconnectScenario(spec: ReconnectScenarioSpec): Scenario {
  SCRIPTS.set(spec.name, { fault: spec.fault, faultAtMs: 300, downMs: 500 });
  return {
    name: spec.name,
    family: 'faults',
    description: spec.description,
    stream: { ratePerSec: spec.ratePerSec ?? 500, payloadBytes: 64, kind: 'text' },
    connections: spec.connections ?? 10,
    variants: reconnectVariants(spec.durationMs, spec.client, spec.server),
    inDefaultProfile: spec.inDefault ?? {},
    ...(spec.inCi ? { inCiProfile: true, ciVariants: ['sse-resume', 'ws-resume'] } : {}),
    ...(spec.fault === 'kill' ? { ownServersOnly: 'kills and restarts the server mid-stream' } : {}),
  };
}

function longLivedScenario(): Scenario {
  SCRIPTS.set('long-lived', { faultAtMs: 0, downMs: 0, pathIdleTimeoutMs: PATH_IDLE_TIMEOUT_MS });
  const variants = PLAIN_STREAM_TRANSPORTS.flatMap((transport) =>
    [true, false].map(
      (heartbeat): VariantSpec => ({
        transport,
        variant: `${transport}-${heartbeat ? 'heartbeat' : 'no-heartbeat'}`,
        server: { heartbeatMs: heartbeat ? LONG_LIVED_HEARTBEAT_MS : 0, retryMs: RECONNECT_CLIENT.backoffBaseMs },
        client: {
          warmupMs: WARMUP_MS,
          durationMs: LONG_LIVED_WINDOW_MS,
          reconnect: { ...RECONNECT_CLIENT, idleTimeoutMs: heartbeat ? LONG_LIVED_HEARTBEAT_MS + 500 : 0 },
        },
        params: {
          heartbeat,
          heartbeatMs: heartbeat ? LONG_LIVED_HEARTBEAT_MS : 0,
          pathIdleTimeoutMs: PATH_IDLE_TIMEOUT_MS,
          timelineBucketMs: TIMELINE_BUCKET_MS,
        },
      }),
    ),
  );
  return {
    name: 'long-lived',
    family: 'faults',
    description:
      `A stream quieter than the path's idle timeout (1 message/s through a proxy that closes connections idle for ${PATH_IDLE_TIMEOUT_MS} ms), ` +
      `with heartbeats every ${LONG_LIVED_HEARTBEAT_MS} ms and without. Scaled down 100x: the timeout stands for nginx's proxy_read_timeout and ` +
      "load balancers' idle timeouts (60 s by default), the heartbeat for 25 s; what matters is heartbeat < timeout < gap between messages. " +
      "Node's own server timeouts do not cut a response in progress (requestTimeout, 300 s, and headersTimeout bound receiving the request; " +
      'keepAliveTimeout, 5 s, the idle time between requests; server.timeout is 0), so the path is what cuts. ' +
      'heartbeat_bytes_each is exact; the cost at a real interval of H ms is heartbeat_bytes_each x 60000 / H bytes per minute per connection.',
    stream: { ratePerSec: 1, payloadBytes: 64, kind: 'text' },
    connections: 10,
    variants,
    inDefaultProfile: {},
  };
}

/**
 * What the default profile runs of most faults: the cells with resume, the mode a verdict on recovery
 * rests on (SSE-2). reconnect-reset runs all four, so the default run still shows what resume buys.
 */
const RESUME_ONLY: DefaultProfileShare = { variants: ['sse-resume', 'ws-resume'] };

/** The reconnect-* scenarios and long-lived; building each also records its script for faultScriptFor(). */
export const FAULT_SCENARIOS: Scenario[] = [
  reconnectScenario({
    name: 'reconnect-reset',
    fault: 'reset',
    durationMs: 1200,
    inCi: true,
    description:
      'The proxy resets every connection (RST both ways) mid-stream: time to notice, time to be back, messages lost/duplicated/replayed.',
  }),
  reconnectScenario({
    name: 'reconnect-kill',
    fault: 'kill',
    durationMs: 3000,
    inDefault: RESUME_ONLY,
    description:
      'The server process is SIGKILLed and a new one started (same stream origin, so resume can work across the restart); the proxy follows it.',
  }),
  reconnectScenario({
    name: 'reconnect-half-open',
    fault: 'half-open',
    durationMs: 3000,
    inDefault: RESUME_ONLY,
    description:
      'Every open connection goes silent both ways with no FIN or RST (a dead path): only a heartbeat timeout can notice it. New connections pass.',
  }),
  reconnectScenario({
    name: 'reconnect-proxy-down',
    fault: 'proxy-down',
    durationMs: 3000,
    inDefault: RESUME_ONLY,
    description:
      'The proxy goes away for 500 ms (connections closed, its port refusing) and comes back on the same port.',
  }),
  reconnectScenario({
    name: 'reconnect-truncate',
    fault: 'truncate',
    durationMs: 1500,
    inDefault: RESUME_ONLY,
    description:
      'Each stream is cut with a FIN 50 bytes into its next write, inside an event: the partial event must never reach the application, and resume must bring it back whole.',
  }),
  // 10 s: under load the storm's slowest reconnects take ~3 s (p99, 2-core machine), and a client
  // still reconnecting when the window closes would count as unrecovered, a correctness failure.
  // A handshake timeout of 5 s, not 1 s: 1,000 handshakes at once queue for longer than a second on
  // a busy 2-core machine, and a client that gives up on a queued handshake only queues a new one
  // (the retry storm that once left hundreds unrecovered); 1 s is also TCP's first SYN retransmission.
  // The open deadline ends before the runner's connecting-phase deadline (10 s + 20 ms a connection),
  // so a slow open is this client's categorised failure, not a watchdog stop.
  reconnectScenario({
    name: 'reconnect-storm',
    fault: 'kill',
    durationMs: 10_000,
    connections: 1000,
    ratePerSec: 20,
    client: STORM_CLIENT,
    server: STORM_SERVER,
    inDefault: RESUME_ONLY,
    description:
      '1,000 connections on one stream when the server is killed and restarted: all reconnect at once (the jitter spreads them over ~100 ms). The window runs 10 s so that slow reconnects count as slow, not as unrecovered; the handshake timeout is 5 s so that a handshake queued behind a thousand others is waited for, not retried.',
  }),
  longLivedScenario(),
];

/** The script of a fault scenario; throws for a scenario this family does not know. */
export function faultScriptFor(scenario: string): FaultScript {
  const script = SCRIPTS.get(scenario);
  if (script === undefined) throw new Error(`no fault script for scenario ${JSON.stringify(scenario)}`);
  return script;
}
