import { describe, expect, it } from 'vitest';
import { buildFixtureDocument } from '../fixtures.js';
import { findCell, rowOf, setFigure, skipScenario, verdictOf, verdictTextOf } from './rule-test-helpers.js';

describe('SSE-3: through nginx', () => {
  it('depends on the X-Accel-Buffering hint, and says WS was refused by the default nginx', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'SSE-3')).toBe('depends');
    const text = verdictTextOf(doc, 'SSE-3');
    expect(text).toMatch(/^holds at sse-default \(nginx-default\): streamed, first event 0\.\d\d× direct; sse-tuned/);
    expect(text).toMatch(/not at sse-default-no-accel-header \(nginx-default, server sent no X-Accel-Buffering: no\): delivered, but held back: first event 9\.\d\d× direct/);
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
    expect(rowOf(skipScenario(buildFixtureDocument(), 'proxy-nginx'), 'SSE-3').verdict).toMatchObject({ kind: 'not-measured', reason: 'scenario proxy-nginx was not run (skipped in this plan)' });
    const doc = buildFixtureDocument();
    for (const cell of doc.cells.filter((c) => c.scenario === 'proxy-nginx')) {
      delete cell.summary['works'];
      cell.runs.forEach((run) => delete run.metrics['works']);
    }
    expect(verdictTextOf(doc, 'SSE-3')).toMatch(/proxy-nginx recorded no works for SSE \(is nginx installed/);
  });
});

describe('OBS-2: a buffering dev proxy, and nginx in front', () => {
  it('depends on nginx\'s configuration: the default nginx without the header buffers too', () => {
    const doc = buildFixtureDocument();
    expect(verdictOf(doc, 'OBS-2')).toBe('depends');
    const text = verdictTextOf(doc, 'OBS-2');
    expect(text).toMatch(/^on nginx's configuration: the dev proxy held the answer back \(sse-dev-proxy \(dev-proxy\): first token 4\d\.\d\d× direct\)/);
    expect(text).toMatch(/nginx fixed it as sse-nginx-default \(nginx-default\): first token 0\.9\d× direct; sse-nginx-tuned/);
    expect(text).toMatch(/not as sse-nginx-default-no-accel-header \(nginx-default, server sent no X-Accel-Buffering: no\)/);
    expect(text).toMatch(/WS through the same dev proxy: ws-dev-proxy \(dev-proxy\): first token 0\.9\d× direct$/);
  });

  it('is supported when every nginx configuration streams, refuted when none does or when the dev proxy does not buffer', () => {
    const doc = buildFixtureDocument();
    setFigure(doc, 'proxy-buffering/sse-nginx-default-no-accel-header', 'first_event_ratio_vs_direct', 1.05);
    expect(verdictOf(doc, 'OBS-2')).toBe('supported');
    for (const id of ['sse-nginx-default-no-accel-header', 'sse-nginx-default', 'sse-nginx-tuned']) setFigure(doc, `proxy-buffering/${id}`, 'first_event_ratio_vs_direct', 40);
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
    expect(rowOf(skipScenario(buildFixtureDocument(), 'proxy-buffering'), 'OBS-2').verdict).toMatchObject({ kind: 'not-measured', reason: 'scenario proxy-buffering was not run (skipped in this plan); scenario seed-stack was not run' });
  });
});
