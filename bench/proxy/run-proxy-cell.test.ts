/**
 * Proxy cells end to end through real child processes and a real nginx (needs a fresh build:
 * `npx tsc -p tsconfig.json`). A transport nginx refuses is a result, works = 0, not a failed run;
 * a missing nginx leaves no figure at all. Fails, never skips, without nginx.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../all-families.js';
import { resolvePlan, type CellPlan } from '../plan.js';
import { liveChildCount } from '../spawn.js';
import { defaultTransportNames, TRANSPORTS } from '../../transports/registry.js';
import { findNginxBinary, NGINX_INSTALL_HINT } from './nginx-binary.js';
import { runProxyCell, throughProxy, upstreamOf } from './run-proxy-cell.js';

const savedNginxBin = process.env['NGINX_BIN'];

afterEach(() => {
  if (savedNginxBin === undefined) delete process.env['NGINX_BIN'];
  else process.env['NGINX_BIN'] = savedNginxBin;
});

/** The TLS transports, by capability (never by name), for the TLS front's cells. */
const TLS_TRANSPORTS = TRANSPORTS.filter((t) => t.capabilities.tls).map((t) => t.name);
const sseOverH2 = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed && t.capabilities.tls)!;
const wsOverTls = TRANSPORTS.find((t) => t.family === 'ws' && t.capabilities.tls)!;

function shortCell(variant: string): CellPlan {
  const plan = resolvePlan({
    profile: 'quick',
    scenarios: ['proxy-nginx'],
    warmupMs: 100,
    durationMs: 400,
    transports: [...defaultTransportNames(), ...TLS_TRANSPORTS],
  });
  const cell = plan.cells.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no cell ${variant} in proxy-nginx`);
  return { ...cell, client: { ...cell.client, connections: 2 } };
}

const privateDirs = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('sse-ws-bench-nginx-'));

describe('a proxy cell', () => {
  // Every test fails (none is skipped) without nginx: CI installs it, so its absence is a broken setup.
  beforeEach(() => {
    if (findNginxBinary() === undefined) throw new Error(NGINX_INSTALL_HINT);
  });

  it('measures WS through a default nginx as not working, with the refusal counted as http-status', async () => {
    const dirsBefore = privateDirs();
    const run = await runProxyCell(shortCell('ws-default'), new AbortController().signal);
    expect(run.metrics.works).toBe(0);
    expect(run.errorCounts).toEqual({ 'http-status': 1 });
    expect(run.metrics.direct_latency_p50_us).toBeGreaterThan(0);
    expect(run.metrics).not.toHaveProperty('latency_p50_us');
    expect(run.serverConfig.proxy).toMatchObject({ hop: 'nginx-default', profile: 'default', locationDirectives: [] });
    expect(liveChildCount()).toBe(0);
    expect(privateDirs()).toEqual(dirsBefore);
  });

  it('measures SSE through a tuned nginx: working, intact, with the latency nginx adds', async () => {
    const dirsBefore = privateDirs();
    const run = await runProxyCell(shortCell('sse-tuned'), new AbortController().signal);
    expect(run.metrics).toMatchObject({
      works: 1,
      lost_count: 0,
      duplicated_count: 0,
      reordered_count: 0,
      corrupted_count: 0,
    });
    expect(run.metrics.messages_checked).toBeGreaterThan(0);
    expect(run.metrics.proxy_added_latency_p50_us).toBe(
      run.metrics.latency_p50_us! - run.metrics.direct_latency_p50_us!,
    );
    expect(run.histograms).toHaveProperty('latency_us');
    expect(run.histograms).toHaveProperty('direct_latency_us');
    expect(run.serverConfig.proxy).toMatchObject({
      hop: 'nginx-tuned',
      locationDirectives: expect.arrayContaining(['proxy_buffering off;']),
    });
    expect(liveChildCount()).toBe(0);
    expect(privateDirs()).toEqual(dirsBefore);
  });
});

describe.skipIf(findNginxBinary() === undefined)('a proxy cell through the TLS + HTTP/2 front', () => {
  it('measures SSE over HTTP/2 through the tuned front: working, intact, every request on HTTP/2, no RFC 8441', async () => {
    const run = await runProxyCell(shortCell(`${sseOverH2.name}-front-tuned`), new AbortController().signal);
    expect(run.metrics).toMatchObject({
      works: 1,
      lost_count: 0,
      duplicated_count: 0,
      corrupted_count: 0,
      front_alpn_h2: 1,
      front_ws_over_h2: 0,
      front_http1_requests: 0,
    });
    expect(run.metrics.front_h2_requests).toBeGreaterThanOrEqual(2);
    expect(run.metrics.direct_first_message_p50_us).toBeGreaterThan(0);
    expect(run.serverConfig).toMatchObject({
      transport: 'sse',
      direct: { transport: sseOverH2.name },
      proxy: { front: 'tls-h2', frontDirectives: expect.arrayContaining([expect.stringMatching(/ssl/)]) },
    });
    expect(liveChildCount()).toBe(0);
  });

  it('measures WS over wss through the tuned front on HTTP/1.1 + TLS', async () => {
    const run = await runProxyCell(shortCell(`${wsOverTls.name}-front-tuned`), new AbortController().signal);
    expect(run.metrics).toMatchObject({ works: 1, lost_count: 0, front_h2_requests: 0, front_ws_over_h2: 0 });
    expect(run.metrics.front_http1_requests).toBeGreaterThanOrEqual(2);
  });
});

describe('a proxy cell without nginx', () => {
  it('reports no figure and says how to install nginx when it is missing', async () => {
    process.env['NGINX_BIN'] = '/nonexistent/nginx';
    const run = await runProxyCell(shortCell('sse-tuned'), new AbortController().signal);
    expect(run.metrics).toEqual({});
    expect(run.warnings.join('\n')).toContain('bench/setup/install-system-packages.sh');
    expect(liveChildCount()).toBe(0);
  });
});

describe('the proxy scenarios as planned', () => {
  it('give every cell its proxy and whether that proxy buffers, as params a report can group by', () => {
    const cells = resolvePlan({ profile: 'quick', scenarios: ['proxy-nginx', 'proxy-buffering'] }).cells;
    const byId = Object.fromEntries(cells.map((cell) => [cell.id, cell.params]));
    expect(byId['proxy-nginx/sse-default']).toMatchObject({ proxy: 'nginx-default', buffering: false });
    expect(byId['proxy-nginx/sse-default-no-accel-header']).toMatchObject({ proxy: 'nginx-default', buffering: true });
    expect(byId['proxy-buffering/sse-dev-proxy']).toMatchObject({
      proxy: 'dev-proxy',
      buffering: true,
      method: 'sse-post',
    });
    expect(byId['proxy-buffering/ws-nginx-tuned']).toMatchObject({
      proxy: 'nginx-tuned',
      buffering: false,
      method: 'ws',
    });
    expect(
      cells.find((cell) => cell.id === 'proxy-nginx/sse-default-no-accel-header')?.server.accelBufferingHeader,
    ).toBe(false);
    expect(cells.every((cell) => cell.scenario.family === 'proxy')).toBe(true);
    expect(cells.some((cell) => cell.params['front'] !== undefined)).toBe(false);
  });

  it("add the TLS front's cells only when the TLS transports are chosen, each behind a plain server of its family", () => {
    const cells = resolvePlan({
      profile: 'quick',
      scenarios: ['proxy-nginx'],
      transports: [...defaultTransportNames(), ...TLS_TRANSPORTS],
    }).cells;
    const front = cells.filter((cell) => cell.params['front'] === 'tls-h2');
    expect(front.map((cell) => cell.transport).sort()).toEqual(expect.arrayContaining(TLS_TRANSPORTS));
    for (const cell of front)
      expect(TRANSPORTS.find((t) => t.name === cell.server.transport)?.capabilities.tls).toBe(false);
    expect(
      front.find((cell) => cell.variant === `${sseOverH2.name}-front-default-no-accel-header`)?.server
        .accelBufferingHeader,
    ).toBe(false);
  });
});

describe('proxy URLs', () => {
  it('keeps scheme, path and query and swaps in the proxy port', () => {
    expect(throughProxy('ws://127.0.0.1:4000/stream?rate=5', 5000)).toBe('ws://127.0.0.1:5000/stream?rate=5');
    expect(upstreamOf('http://[::1]:4000/llm')).toEqual({ host: '::1', port: 4000 });
    expect(upstreamOf('http://example.test/stream')).toEqual({ host: 'example.test', port: 80 });
  });
});
