/**
 * The scenarios, as typed data (k6 style: load shapes are data, not code). Each variant becomes a
 * cell; every cell runs on a fresh server process, SSE and WS interleaved across repeats.
 */
import type { ClientRunConfig, LlmClientConfig } from '../clients/client-protocol.js';
import type { ServerConfig } from '../servers/server-config.js';
import { comparedTransports, plainTransportOf, SSE_FAMILY, TCP_FAMILY, WS_FAMILY } from '../transports/families.js';
import type { TransportName } from '../transports/registry.js';
import type { StreamParams } from '../servers/stream-params.js';

export interface VariantSpec {
  transport: TransportName;
  /** What the cell is called within its scenario; the transport name unless it is a variant. */
  variant?: string;
  server?: Partial<ServerConfig>;
  client?: Partial<ClientRunConfig>;
  llm?: Partial<LlmClientConfig>;
  /** Parameters that tell this variant's cell from its siblings (e.g. resume), added to the cell's params. */
  params?: Record<string, string | number | boolean>;
}

/**
 * The part of a scenario the default profile runs: the cells its claims' verdicts rest on. The full
 * profile runs every cell; naming a scenario with --scenario runs what the profile runs of it.
 */
export interface DefaultProfileShare {
  /** Only these variants, by name; every variant when absent. */
  variants?: readonly string[];
  /** Only the sweep points whose params take one of these values (e.g. `{ size: [16, 65536] }`); every point when absent. */
  points?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
}

export interface Scenario {
  name: string;
  /** Which cell runner measures it (see bench/families.ts). */
  family: string;
  /** What it measures. Which claims it answers is the claim rules' to say (reports/claims.ts: claimsAnsweredBy). */
  description: string;
  stream: Partial<StreamParams>;
  connections: number;
  variants: VariantSpec[];
  /**
   * After each repeat, run the bare write→read probe (bench/floor/) at the stream's rate for the
   * same windows: the machine's own floor, beside this cell's, in the same run.
   */
  bareProbe?: boolean;
  /**
   * Why this scenario measures only the harness's own servers (it kills them, counts both ends of
   * every byte, or configures them per cell): with --target it is skipped, or refused when named.
   */
  ownServersOnly?: string;
  /** Sample server and client memory after a GC before and during the window (per-connection memory). */
  measureMemory?: boolean;
  /**
   * Why no profile runs this scenario unless --scenario names it (the scale scenarios: minutes long,
   * and they push the machine to its limits, so they would drown a profile's other figures).
   */
  onlyWhenNamed?: string;
  /**
   * Floors under the profile's warm-up and window, for a slow stream: at 2 broadcasts a second a 1 s
   * window holds two, and its p99 is one broadcast's tail. Absent, the profile's apply.
   */
  minWarmupMs?: number;
  minDurationMs?: number;
  /** Client processes sharing the connections, each under its open-files limit and on its own core; 1 if absent. */
  clientProcesses?: number;
  /** Connections opened per second in all (a stated ramp); absent, as fast as the connect concurrency allows. */
  connectRatePerSec?: number;
  /**
   * The default profile (the five-minute run) runs this share of the scenario; absent, only the full
   * profile runs it (or --scenario naming it, in full). Opt-in, as for CI: a new scenario does not
   * lengthen the default run until someone decides which of its cells a verdict needs.
   */
  inDefaultProfile?: DefaultProfileShare;
  /** The CI profile runs this scenario in it. */
  inCiProfile?: boolean;
  /** In the CI profile, only these variants (to stay near a minute); all when absent. */
  ciVariants?: string[];
  /** Where variants repeat a name across a sweep, the params that make each cell's id unique. */
  idParams?: string[];
  /** The chat scenario: every connection a member posting at this rate, receiving everyone's posts. */
  chat?: { ratePerSecPerMember: number; payloadBytes: number };
}

const SSE = plainTransportOf(SSE_FAMILY);
const WS = plainTransportOf(WS_FAMILY);
const TCP = plainTransportOf(TCP_FAMILY);
const sse: VariantSpec = { transport: SSE };
const ws: VariantSpec = { transport: WS };

/**
 * One variant per SSE- and WS-family transport in the registry (plain, TLS, HTTP/2): the default
 * selection runs the plain ones, `--transports` adds the others.
 */
const everyStreamTransport = (): VariantSpec[] => comparedTransports().map((t) => ({ transport: t.name }));

export const SCENARIOS: Scenario[] = [
  {
    name: 'steady',
    family: 'stream',
    description: 'A fixed rate to a few connections: one-way latency at a load nothing struggles with.',
    stream: { ratePerSec: 1000, payloadBytes: 64, kind: 'text' },
    connections: 10,
    variants: everyStreamTransport(),
    inDefaultProfile: {},
    inCiProfile: true,
  },
  {
    name: 'max-throughput',
    family: 'stream',
    description:
      'As fast as backpressure allows, one connection: messages/s, MiB/s, server CPU per message. Naive writers shown beside best practice.',
    stream: { ratePerSec: 0, payloadBytes: 64, kind: 'text' },
    connections: 1,
    variants: [
      ...everyStreamTransport(),
      { transport: SSE, variant: `${SSE}-per-message`, server: { writeMode: 'per-message' } },
      { transport: WS, variant: `${WS}-uncorked`, server: { writeMode: 'per-message' } },
    ],
    inCiProfile: true,
    ciVariants: [SSE, WS],
  },
  {
    name: 'fan-out',
    family: 'stream',
    description:
      '1,000 connections on one broadcast stream at a modest rate: latency under many connections, server memory per connection.',
    stream: { ratePerSec: 20, payloadBytes: 64, kind: 'text' },
    connections: 1000,
    variants: everyStreamTransport(),
    inDefaultProfile: {},
    measureMemory: true,
    inCiProfile: true,
  },
  {
    name: 'fan-out-10k',
    family: 'stream',
    description:
      '10,000 connections on one broadcast stream at a modest rate, opened at 2,000 a second by two client processes: time to connect them all, memory per connection, latency, losses.',
    // 20,000 deliveries a second, as fan-out's 1,000 × 20: the same load spread over ten times the sockets.
    stream: { ratePerSec: 2, payloadBytes: 64, kind: 'text' },
    connections: 10_000,
    connectRatePerSec: 2000,
    // Two processes of 5,000: each far under the 20,000 open-files limit, one core each when busy.
    clientProcesses: 2,
    variants: everyStreamTransport(),
    measureMemory: true,
    onlyWhenNamed: 'it holds 10,000 connections per transport, about 30 s a transport',
    // At least 4 broadcasts warm every connection's path, and 10 are measured (100,000 samples).
    minWarmupMs: 2000,
    minDurationMs: 5000,
  },
  {
    name: 'llm-stream',
    family: 'stream',
    description:
      "The seed's case: a prompt goes up, tokens stream back 20 ms apart. Time to first token and inter-token latency; SSE by POST (as fetch-event-source does) and GET, WS on one socket.",
    stream: {},
    connections: 10,
    // Per SSE-family transport a POST and a GET variant, per WS-family one socket (plain by default).
    variants: comparedTransports().flatMap((t): VariantSpec[] =>
      t.family === WS_FAMILY
        ? [{ transport: t.name, variant: t.name, llm: { method: WS_FAMILY } }]
        : [
            { transport: t.name, variant: `${t.name}-post`, llm: { method: 'sse-post' } },
            { transport: t.name, variant: `${t.name}-get`, llm: { method: 'sse-get' } },
          ],
    ),
    inCiProfile: true,
    inDefaultProfile: {},
    ciVariants: [`${SSE}-post`, WS],
  },
  {
    name: 'chat',
    family: 'stream',
    description:
      'A chat room: 50 members each post 10 small messages/s and receive everyone’s (25,000 deliveries/s). Latency sender → server → receivers. WS sends on its socket; SSE posts each message as an HTTP POST.',
    stream: {},
    connections: 50,
    chat: { ratePerSecPerMember: 10, payloadBytes: 64 },
    variants: [sse, ws],
    inDefaultProfile: {},
  },
  {
    name: 'tcp-floor',
    family: 'stream',
    description: 'The steady schedule over length-prefixed plain TCP: the floor neither transport can beat.',
    stream: { ratePerSec: 1000, payloadBytes: 64, kind: 'text' },
    connections: 10,
    // Not in the CI profile: the floor does not regress with our code; CI time goes to the transports.
    // The millisecond-timer publisher beside the precise one: what the precise wait buys, and costs.
    variants: [{ transport: TCP }, { transport: TCP, variant: `${TCP}-timer`, server: { schedule: 'timer' } }],
    bareProbe: true,
    // The floor sets the latency verdicts' resolution; the timer schedule beside it is for the full run.
    inDefaultProfile: { variants: [TCP] },
  },
  {
    name: 'harness-overhead',
    family: 'stream',
    description:
      'The full client (decode, integrity checks, histograms) against a bare counting client on the same server at 64-byte payloads: how much the harness itself costs. Goal: full/bare >= 0.8.',
    stream: { ratePerSec: 0, payloadBytes: 64, kind: 'text' },
    connections: 1,
    // Every stream transport, full and bare side by side (the default selection keeps sse and ws).
    variants: everyStreamTransport().flatMap((spec) => [
      { ...spec, variant: `${spec.transport}-full` },
      { ...spec, variant: `${spec.transport}-bare`, client: { mode: 'bare' } },
    ]),
  },
];

/** Scenarios registered by other modules (wire, faults…) join the list through here. */
export function registerScenarios(scenarios: Scenario[]): void {
  for (const scenario of scenarios) {
    if (SCENARIOS.some((s) => s.name === scenario.name)) throw new Error(`scenario ${scenario.name} registered twice`);
    SCENARIOS.push(scenario);
  }
}

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
