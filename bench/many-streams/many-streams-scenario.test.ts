/** The many-streams scenario as the plan sees it, and the figures of a set of streams. */
import { describe, expect, it } from 'vitest';
import { defaultTransportNames, TRANSPORTS } from '../../transports/registry.js';
import { resolvePlan } from '../plan.js';
import './many-streams-family.js';
import { manyStreamsParamsOf } from './many-streams-params.js';
import { MANY_STREAMS, MANY_STREAMS_SCENARIO, STREAM_COUNTS } from './many-streams-scenario.js';
import { countStreamErrors, summariseStreams } from './stream-timings.js';

const STREAM_TRANSPORTS = TRANSPORTS.filter((t) => t.family === 'sse' || t.family === 'ws').map((t) => t.name);

describe('the many-streams plan', () => {
  it('by default runs the plain SSE and WS transports, each with both clients at every count', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: [MANY_STREAMS_SCENARIO] });
    const plain = STREAM_TRANSPORTS.filter((name) => defaultTransportNames().includes(name as never));
    expect(new Set(plan.cells.map((cell) => cell.transport))).toEqual(new Set(plain));
    expect(plan.cells).toHaveLength(plain.length * 2 * STREAM_COUNTS.length);
    expect(plan.cells.map((cell) => cell.id)).toContain(`${MANY_STREAMS_SCENARIO}/${plain[0]}-chromium/streams=7`);
  });

  it('adds the TLS and HTTP/2 cells when --transports names them, and says so in its description', () => {
    const plan = resolvePlan({ profile: 'quick', scenarios: [MANY_STREAMS_SCENARIO], transports: STREAM_TRANSPORTS });
    expect(new Set(plan.cells.map((cell) => cell.transport))).toEqual(new Set(STREAM_TRANSPORTS));
    expect(plan.cells.some((cell) => TRANSPORTS.find((t) => t.name === cell.transport)!.capabilities.multiplexed)).toBe(
      true,
    );
    expect(MANY_STREAMS.description).toContain(`--transports ${STREAM_TRANSPORTS.join(',')}`);
    expect(manyStreamsParamsOf(plan.cells[0]!)).toMatchObject({ streams: 1, client: 'node', stallDeadlineMs: 3000 });
  });
});

describe('summariseStreams', () => {
  it('counts stalled streams and takes percentiles over the others only', () => {
    const outcomes = [
      { firstEventMs: 2 },
      { firstEventMs: 1 },
      { firstEventMs: 4 },
      { firstEventMs: null },
      { firstEventMs: null, error: 'connect' },
    ];
    expect(summariseStreams(outcomes)).toEqual({
      streams_opened: 5,
      streams_stalled: 2,
      ttfe_p50_us: 2000,
      ttfe_max_us: 4000,
    });
    expect(countStreamErrors(outcomes)).toEqual({ connect: 1 });
    expect(summariseStreams([{ firstEventMs: null }])).toEqual({ streams_opened: 1, streams_stalled: 1 });
  });
});
