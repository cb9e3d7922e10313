/**
 * `npm run measure` against the project's own servers, run in-process on free ports. To measure
 * they are just another server: their envelope is opaque event data, a bounded stream (`?count=N`)
 * ends with an end event whose data is N (SSE) or a `!end N` frame (WS), which --end-marker names.
 * The LLM endpoint's first token waits one token delay: a known time to first event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import { startTestServer } from '../../test/support/server-helpers.js';
import { firstRunMetric, runMeasure } from '../../test/support/third-party-fixtures.js';

let dir: string;
let sse: RunningServer;
let ws: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'measure-own-'));
  sse = await startTestServer('sse');
  ws = await startTestServer('ws');
});
afterAll(async () => {
  await sse?.close();
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const TOKEN_DELAY_MS = 60;

describe('our servers, measured as any server', () => {
  it('SSE: exactly the count asked for, ended by the end event', async () => {
    const run = await runMeasure(dir, [
      `http://127.0.0.1:${sse.port}/stream?count=20&rate=400`,
      '--end-marker',
      '20',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(20);
    expect(firstRunMetric(run, 'end_marker_count')).toBe(1);
  });

  it('WebSocket: exactly the count asked for, ended by the !end frame', async () => {
    const run = await runMeasure(dir, [
      `ws://127.0.0.1:${ws.port}/stream?count=20&rate=400`,
      '--end-marker',
      '!end 20',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(20);
    expect(firstRunMetric(run, 'end_marker_count')).toBe(1);
  });

  it.each([
    ['SSE', () => `http://127.0.0.1:${sse.port}`, '20'],
    ['WebSocket', () => `ws://127.0.0.1:${ws.port}`, '!end 20'],
  ])(
    '%s in plain format: the payload alone, every event counted, far fewer bytes per event than with the envelope',
    async (_name, base, endMarker) => {
      const measure = (format: string) =>
        runMeasure(dir, [
          `${base()}/stream?count=20&rate=400&size=16&stream=${format.length}&format=${format}`,
          '--end-marker',
          endMarker,
          '--quiet',
        ]);
      const plain = await measure('plain');
      const envelope = await measure('envelope');
      expect(plain.code).toBe(0);
      expect(firstRunMetric(plain, 'events_received')).toBe(20);
      // The envelope's stream id, sequence, clock, write lag, kind and checksum: over 30 bytes an event.
      expect(firstRunMetric(plain, 'wire_bytes_down_per_event')!).toBeLessThan(
        firstRunMetric(envelope, 'wire_bytes_down_per_event')! - 30,
      );
    },
  );

  it("SSE over POST: time to first event matches the first token's delay", async () => {
    const body = JSON.stringify({ prompt: 'hi', tokens: 5, tokenDelayMs: TOKEN_DELAY_MS });
    const run = await runMeasure(dir, [
      `http://127.0.0.1:${sse.port}/llm`,
      '--body',
      body,
      '--end-marker',
      '5',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(5);
    const ttfeMs = firstRunMetric(run, 'ttfe_p50_us')! / 1000;
    expect(ttfeMs).toBeGreaterThanOrEqual(TOKEN_DELAY_MS);
    expect(ttfeMs).toBeLessThan(TOKEN_DELAY_MS + 60);
    expect(firstRunMetric(run, 'gap_p50_us')! / 1000).toBeGreaterThan(TOKEN_DELAY_MS * 0.8);
  });

  it('resume check: our SSE server resumes right after Last-Event-ID, honouring retry:', async () => {
    const run = await runMeasure(dir, [
      `http://127.0.0.1:${sse.port}/stream?rate=200&stream=7`,
      '--check-resume',
      '5',
      '--quiet',
    ]);
    expect(run.cell.measure.resume[0]).toMatchObject({ verdict: 'resumed', lost: 0, duplicated: 0, retryMs: 1000 });
  });
});
