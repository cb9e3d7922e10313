import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../../test/support/report-fixtures.js';
import { TRANSPORTS } from '../../transports/registry.js';
import {
  findCell,
  rowOf,
  setFigure,
  skipScenario,
  verdictOf,
  verdictTextOf,
  withCells,
} from '../../test/support/rule-helpers.js';

/** Chosen by capability, never by name (transports/registry.test.ts). */
const sseOverH2 = TRANSPORTS.find((t) => t.family === 'sse' && t.capabilities.multiplexed && t.capabilities.tls)!.name;
const wsOverTls = TRANSPORTS.find((t) => t.family === 'ws' && t.capabilities.tls)!.name;
const front = (proxy: string) => ({ proxy, buffering: false, front: 'tls-h2' });
const H2_FRONT = {
  front_h2_requests: 11,
  front_http1_requests: 0,
  front_alpn_h2: 1,
  front_ws_over_h2: 0,
  lost_count: 0,
};
const WS_FRONT = {
  front_h2_requests: 0,
  front_http1_requests: 11,
  front_alpn_h2: 1,
  front_ws_over_h2: 0,
  lost_count: 0,
};

/** The fixture's proxy-nginx cells plus the TLS + HTTP/2 front's: SSE over HTTP/2 tuned and default (held back), WS over wss tuned. */
function withTlsFront(doc: ReturnType<typeof buildFixtureDocument>) {
  return withCells(doc, [
    {
      scenario: 'proxy-nginx',
      transport: sseOverH2,
      variant: `${sseOverH2}-front-tuned`,
      params: front('nginx-tuned'),
      medians: { works: 1, first_event_ratio_vs_direct: 1.12, proxy_added_latency_p50_us: 328, ...H2_FRONT },
    },
    {
      scenario: 'proxy-nginx',
      transport: sseOverH2,
      variant: `${sseOverH2}-front-default`,
      params: front('nginx-default'),
      medians: { works: 1, first_event_ratio_vs_direct: 16.3, proxy_added_latency_p50_us: 92_700, ...H2_FRONT },
    },
    {
      scenario: 'proxy-nginx',
      transport: wsOverTls,
      variant: `${wsOverTls}-front-tuned`,
      params: front('nginx-tuned'),
      medians: { works: 1, first_event_ratio_vs_direct: 0.96, ...WS_FRONT },
    },
  ]);
}

describe('SSE-3: through nginx', () => {
  it('depends on the X-Accel-Buffering hint, and says WS was refused by the default nginx', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'SSE-3')).toBe('depends');
    const text = verdictTextOf(doc, 'SSE-3');
    expect(text).toMatch(/^holds at sse-default \(nginx-default\): streamed, first event 0\.\d\d× direct; sse-tuned/);
    expect(text).toMatch(
      /not at sse-default-no-accel-header \(nginx-default, server sent no X-Accel-Buffering: no\): delivered, but held back: first event 9\.\d\d× direct/,
    );
    expect(text).toMatch(/ws-default \(nginx-default\): refused: http-status: expected 101, got 426/);
    expect(text).toMatch(/WS needs them configured, as nginx-tuned does/);
    expect(rowOf(doc, 'SSE-3').ws[0]).toBe('ws-default: refused: http-status: expected 101, got 426');
  });

  it('is supported when SSE streams through every configuration, and drops the Upgrade note when WS gets through the default nginx', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'proxy-nginx/sse-default-no-accel-header', 'first_event_ratio_vs_direct', 1.1);
    expect(verdictOf(doc, 'SSE-3')).toBe('supported');
    setFigure(doc, 'proxy-nginx/ws-default', 'works', 1);
    findCell(doc, 'proxy-nginx/ws-default').runs.forEach((run) => (run.errorCounts = {}));
    expect(verdictTextOf(doc, 'SSE-3')).not.toMatch(/Upgrade/);
  });

  it('is refuted when SSE is refused or held back in every configuration', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'proxy-nginx/sse-default', 'works', 0);
    setFigure(doc, 'proxy-nginx/sse-tuned', 'first_event_ratio_vs_direct', 3);
    expect(verdictOf(doc, 'SSE-3')).toBe('refuted');
  });

  it('is not measured when proxy-nginx was skipped, or when nginx was missing and no cell recorded works', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'proxy-nginx'), 'SSE-3').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario proxy-nginx was not run (skipped in this plan)',
    });
    const doc = buildFixtureDocument();
    for (const cell of doc.cells.filter((c) => c.scenario === 'proxy-nginx')) {
      delete cell.summary['works'];
      cell.runs.forEach((run) => delete run.metrics['works']);
    }
    expect(verdictTextOf(doc, 'SSE-3')).toMatch(/proxy-nginx recorded no works for SSE \(is nginx installed/);
  });
});

describe('SSE-3 with the TLS + HTTP/2 front beside the plain one', () => {
  it('shows both fronts side by side, plain first, with the protocol the client spoke, and says the verdict rests on the plain front', () => {
    const doc = withTlsFront(buildFixtureDocument());
    const row = rowOf(doc, 'SSE-3');
    expect(row.sse.findIndex((line) => line.startsWith(`${sseOverH2}-front-tuned:`))).toBeGreaterThan(
      row.sse.findIndex((line) => line.startsWith('sse-tuned:')),
    );
    expect(row.sse).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${sseOverH2}-front-tuned: works, nothing lost · first event ÷ direct 1\\.12× .* · client on HTTP/2 \\(ALPN h2\\)$`,
        ),
      ),
    );
    expect(row.ws).toContainEqual(
      expect.stringMatching(new RegExp(`^${wsOverTls}-front-tuned: works.* · client on HTTP/1\\.1 \\+ TLS$`)),
    );
    expect(verdictOf(doc, 'SSE-3')).toBe('depends');
    const text = verdictTextOf(doc, 'SSE-3');
    expect(text).toMatch(/Verdict rests on nginx's plain HTTP\/1\.1 front; through its TLS \+ HTTP\/2 front: /);
    expect(text).toContain(
      `${sseOverH2}-front-tuned (nginx-tuned, TLS + HTTP/2 front): streamed, first event 1.12× direct`,
    );
    expect(text).toContain(
      `${sseOverH2}-front-default (nginx-default, TLS + HTTP/2 front): delivered, but held back: first event 16.30× direct`,
    );
    expect(text).toMatch(/nginx offers no WebSocket over HTTP\/2 \(RFC 8441\)/);
    expect(text).toMatch(/WS needs them configured, as nginx-tuned does\);/); // named once, not once per front
  });

  it('leaves the verdict as before when only the plain front ran, and rests on the TLS front when only it ran', () => {
    expect(verdictTextOf(buildFixtureDocument(), 'SSE-3')).not.toMatch(/Verdict rests on|TLS/);
    const doc = withTlsFront(buildFixtureDocument());
    doc.cells = doc.cells.filter((cell) => cell.scenario !== 'proxy-nginx' || cell.params['front'] === 'tls-h2');
    expect(verdictOf(doc, 'SSE-3')).toBe('depends');
    expect(verdictTextOf(doc, 'SSE-3')).toMatch(
      /Verdict rests on nginx's TLS \+ HTTP\/2 front \(no plain HTTP\/1\.1 cell ran\)/,
    );
    expect(rowOf(doc, 'SSE-3').headline).toEqual({ sse: '1/2 proxies stream', ws: '1/1 proxies stream' });
  });
});

describe('OBS-2: a buffering dev proxy, and nginx in front', () => {
  it("depends on nginx's configuration: the default nginx without the header buffers too", () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'OBS-2')).toBe('depends');
    const text = verdictTextOf(doc, 'OBS-2');
    expect(text).toMatch(
      /^on nginx's configuration: the dev proxy held the answer back \(sse-dev-proxy \(dev-proxy\): first token 4\d\.\d\d× direct\)/,
    );
    expect(text).toMatch(
      /nginx fixed it as sse-nginx-default \(nginx-default\): first token 0\.9\d× direct; sse-nginx-tuned/,
    );
    expect(text).toMatch(
      /not as sse-nginx-default-no-accel-header \(nginx-default, server sent no X-Accel-Buffering: no\)/,
    );
    expect(text).toMatch(/WS through the same dev proxy: ws-dev-proxy \(dev-proxy\): first token 0\.9\d× direct$/);
  });

  it('is supported when every nginx configuration streams, refuted when none does or when the dev proxy does not buffer', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'proxy-buffering/sse-nginx-default-no-accel-header', 'first_event_ratio_vs_direct', 1.05);
    expect(verdictOf(doc, 'OBS-2')).toBe('supported');
    for (const id of ['sse-nginx-default-no-accel-header', 'sse-nginx-default', 'sse-nginx-tuned'])
      setFigure(doc, `proxy-buffering/${id}`, 'first_event_ratio_vs_direct', 40);
    expect(verdictOf(doc, 'OBS-2')).toBe('refuted');
    const unbuffered = buildFixtureDocument();
    setFigure(unbuffered, 'proxy-buffering/sse-dev-proxy', 'first_event_ratio_vs_direct', 1.2);
    expect(verdictTextOf(unbuffered, 'OBS-2')).toMatch(/^the dev proxy did not hold the answer to the end/);
    expect(verdictOf(unbuffered, 'OBS-2')).toBe('refuted');
  });

  it('does not count an nginx configuration that lost tokens as a fix', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'proxy-buffering/sse-nginx-default-no-accel-header', 'first_event_ratio_vs_direct', 1.05);
    setFigure(doc, 'proxy-buffering/sse-nginx-tuned', 'lost_count', 2);
    expect(verdictOf(doc, 'OBS-2')).toBe('depends');
  });

  it('is not measured when proxy-buffering was skipped', () => {
    expect(rowOf(skipScenario(buildFixtureDocument(), 'proxy-buffering'), 'OBS-2').verdict).toMatchObject({
      kind: 'not-measured',
      reason: 'scenario proxy-buffering was not run (skipped in this plan); scenario seed-stack was not run',
    });
  });
});
