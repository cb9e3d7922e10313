import { describe, expect, it } from 'vitest';
import './all-families.js';
import { UsageError } from '../cli/usage-error.js';
import { TRANSPORT_NAMES } from '../transports/registry.js';
import { capacityParamsOf } from './capacity/capacity-params.js';
import { checkCellParams } from './cell-params.js';
import { clientImplParamsOf } from './faults/client-impl-params.js';
import { faultParamsOf } from './faults/fault-params.js';
import { framingParamsOf } from './framing/framing-params.js';
import { manyStreamsParamsOf } from './many-streams/many-streams-params.js';
import { microParamsOf } from './micro/micro-params.js';
import { type CellPlan, resolvePlan } from './plan.js';
import { polyglotParamsOf } from './polyglot/polyglot-params.js';
import { proxyParamsOf } from './proxy/proxy-params.js';
import { SCENARIOS } from './scenarios.js';
import { seedParamsOf } from './seed/seed-params.js';
import { streamParamsOf } from './stream-cell-params.js';
import { wireParamsOf } from './wire/wire-params.js';

/** Every cell of every scenario: the full profile on every transport, and the scenarios that run only when named. */
function everyCell(): CellPlan[] {
  const transports = [...TRANSPORT_NAMES];
  return [
    ...resolvePlan({ profile: 'full', transports }).cells,
    ...resolvePlan({ profile: 'full', transports, scenarios: ['capacity', 'fan-out-10k'] }).cells,
  ];
}

function cellOf(scenario: string, variant?: string): CellPlan {
  const cell = everyCell().find(
    (c) => c.scenario.name === scenario && (variant === undefined || c.variant === variant),
  );
  if (cell === undefined) throw new Error(`no cell ${scenario}/${variant}`);
  return cell;
}

function withParam(cell: CellPlan, field: string, value: string | number | boolean | undefined): CellPlan {
  const params = { ...cell.params };
  if (value === undefined) delete params[field];
  else params[field] = value;
  return { ...cell, params };
}

function usageErrorOf(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('parsed without an error');
}

describe('cell params', () => {
  it('parse for every cell of every registered scenario, on every transport', () => {
    const cells = everyCell();
    expect(new Set(cells.map((cell) => cell.scenario.name))).toEqual(new Set(SCENARIOS.map((s) => s.name)));
    for (const cell of cells) expect(() => checkCellParams(cell), cell.id).not.toThrow();
  });

  it('read back typed, as the scenarios set them', () => {
    expect(capacityParamsOf(cellOf('capacity'))).toMatchObject({ shape: 'stream', p99LimitMs: 100 });
    expect(wireParamsOf(cellOf('compression', 'sse-gzip'))).toMatchObject({ probe: 'stream', compression: 'gzip' });
    expect(wireParamsOf(cellOf('upstream', 'ws-frames'))).toMatchObject({ probe: 'upstream', method: 'ws-frames' });
    expect(proxyParamsOf(cellOf('proxy-nginx', 'sse-tuned'))).toMatchObject({ proxy: 'nginx-tuned', front: 'plain' });
    expect(proxyParamsOf(cellOf('proxy-buffering', 'sse-dev-proxy'))).toMatchObject({ shape: 'llm', buffering: true });
    expect(faultParamsOf(cellOf('long-lived', 'sse-heartbeat'))).toMatchObject({
      experiment: 'long-lived',
      heartbeat: true,
    });
    expect(streamParamsOf(cellOf('chat', 'ws'))).toMatchObject({ shape: 'chat', connections: 50 });
  });

  // One broken param per family: the parser names the cell and the param.
  const broken: [
    family: string,
    scenario: string,
    parse: (cell: CellPlan) => unknown,
    field: string,
    value?: string | number | boolean,
  ][] = [
    ['stream', 'steady', streamParamsOf, 'kind', 'xml'],
    ['stream (llm)', 'llm-stream', streamParamsOf, 'tokens', 0],
    ['capacity', 'capacity', capacityParamsOf, 'p99LimitMs', 'fast'],
    ['many-streams', 'many-streams', manyStreamsParamsOf, 'client', 'firefox'],
    ['wire', 'wire', wireParamsOf, 'count'],
    ['wire (compression)', 'compression', wireParamsOf, 'compression', 'brotli'],
    ['wire (upstream)', 'upstream', wireParamsOf, 'inFlight', 1.5],
    ['proxy', 'proxy-nginx', proxyParamsOf, 'proxy', 'haproxy'],
    ['faults', 'reconnect-reset', faultParamsOf, 'resume', 'yes'],
    ['faults (long-lived)', 'long-lived', faultParamsOf, 'pathIdleTimeoutMs'],
    ['client-impl', 'client-impl', clientImplParamsOf, 'implements', ''],
    ['framing', 'framing', framingParamsOf, 'connections', -1],
    ['micro', 'micro', microParamsOf, 'writeMode', 'batched'],
    ['polyglot', 'other-languages', polyglotParamsOf, 'payloadBytes'],
    ['seed-stack', 'seed-stack', seedParamsOf, 'clientMode', 'half'],
  ];
  it.each(broken)(
    '%s: a bad or missing param is a UsageError naming the cell and the param',
    (_family, scenario, parse, field, value) => {
      const cell = cellOf(scenario);
      expect(() => parse(cell)).not.toThrow();
      const error = usageErrorOf(() => parse(withParam(cell, field, value)));
      expect(error.field).toBe(`${cell.id}: param ${field}`);
      expect(error.message).toMatch(value === undefined ? /got nothing/ : /must be/);
      // resolvePlan runs the same check for every cell.
      expect(() => checkCellParams(withParam(cell, field, value))).toThrow(UsageError);
    },
  );

  it('refuses a cell of another family', () => {
    expect(() => wireParamsOf(cellOf('steady'))).toThrow(/steady\/sse is a stream cell, not a wire cell/);
  });

  it('fail resolvePlan before anything runs when a scenario sets a bad one', () => {
    SCENARIOS.push({
      ...SCENARIOS.find((s) => s.name === 'steady')!,
      name: 'bad-params',
      variants: [{ transport: 'sse', params: { kind: 'xml' } }],
    });
    try {
      expect(() => resolvePlan({ profile: 'quick', scenarios: ['bad-params'] })).toThrow(
        /bad-params\/sse: param kind: must be one of "text", "json", "binary", got "xml"/,
      );
    } finally {
      SCENARIOS.splice(
        SCENARIOS.findIndex((s) => s.name === 'bad-params'),
        1,
      );
    }
  });
});
