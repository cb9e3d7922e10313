/**
 * The capacity search as data (issue #15): for every transport, the connections step up (500, 1k,
 * 2k, 5k, 10k, 20k where the machine allows) at a fixed per-client rate until the p99 latency passes
 * a limit (default 100 ms, `--capacity-p99-ms`) or errors appear; the knee is the largest count that
 * met the limit. One cell per transport: the cell runner steps, because whether to take the next step
 * depends on the last one.
 *
 * No side effects: bench/capacity/capacity-family.ts registers it, and the report reads names here.
 */
import { comparedTransports } from '../../transports/families.js';
import type { Scenario } from '../scenarios.js';

export const CAPACITY_FAMILY = 'capacity';
export const CAPACITY_SCENARIO = 'capacity';

/** The connection counts tried, in order. */
export const CAPACITY_STEPS: readonly number[] = [500, 1000, 2000, 5000, 10_000, 20_000];

export const DEFAULT_P99_LIMIT_MS = 100;

/** Messages a second every client gets (one broadcast stream): fan-out-10k's rate, so its cell is a step here. */
export const PER_CLIENT_RATE_PER_SEC = 2;

/** Connections opened a second at every step, spread over its client processes. */
export const CAPACITY_CONNECT_RATE_PER_SEC = 2000;

/** Connections per client process: far under one process's open-files limit, and about a core's work. */
export const CONNECTIONS_PER_CLIENT_PROCESS = 5000;

export const CAPACITY: Scenario = {
  name: CAPACITY_SCENARIO,
  family: CAPACITY_FAMILY,
  description: `Steps the connections (${CAPACITY_STEPS.join(', ')}) at ${PER_CLIENT_RATE_PER_SEC} msg/s per client until the p99 latency passes a limit (--capacity-p99-ms, default ${DEFAULT_P99_LIMIT_MS}) or errors appear: the knee per transport, with latency and memory at each step.`,
  stream: { ratePerSec: PER_CLIENT_RATE_PER_SEC, payloadBytes: 64, kind: 'text' },
  connections: CAPACITY_STEPS.at(-1)!,
  connectRatePerSec: CAPACITY_CONNECT_RATE_PER_SEC,
  measureMemory: true,
  onlyWhenNamed: 'it steps each transport up to 20,000 connections, a minute or more a transport',
  // Each step: at least 4 broadcasts warm every connection's path, and 6 are measured.
  minWarmupMs: 2000,
  minDurationMs: 3000,
  variants: comparedTransports().map((t) => ({
    transport: t.name,
    params: { p99LimitMs: DEFAULT_P99_LIMIT_MS },
  })),
};
