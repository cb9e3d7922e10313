/**
 * `npm run measure` against servers the project did not write, started here on free loopback
 * ports: Debian's websocketd (a shell script's lines as WebSocket messages, plain and over TLS) and
 * nginx with the nchan pub/sub module (EventSource and WebSocket subscribers, Last-Event-ID).
 * Exact event counts and bytes, the end marker, resume behaviour, and a time to first event that
 * matches the script's known delay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSelfSignedCertificate,
  firstRunMetric,
  publishToNchan,
  runMeasure,
  startNchan,
  startWebsocketd,
  type ThirdPartyServer,
} from '../../test/support/third-party-fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'measure-3p-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The script waits this long before its first line: time to first event cannot be shorter. */
const FIRST_DELAY_MS = 200;
const GAP_MS = 50;
/** Process start-up and timers on a busy 2-core machine: TTFE may exceed the delay by this much. */
const TOLERANCE_MS = 150;

describe("websocketd (Debian): a script's lines as WebSocket messages", () => {
  let server: ThirdPartyServer;
  let echo: ThirdPartyServer;
  beforeAll(async () => {
    const lines = `sleep ${FIRST_DELAY_MS / 1000}\nfor i in 1 2 3 4 5 6 7 8 9 10; do echo "{\\"n\\":$i,\\"ts\\":$(date +%s%3N)}"; sleep ${GAP_MS / 1000}; done`;
    server = await startWebsocketd(lines);
    echo = await startWebsocketd('head -n 2');
  });
  afterAll(async () => {
    await server?.stop();
    await echo?.stop();
  });

  it('counts every message, times the first against the known delay, and sees the server close', async () => {
    const run = await runMeasure(dir, [
      `ws://127.0.0.1:${server.port}/`,
      '--connections',
      '2',
      '--latency-field',
      'ts',
      '--clock',
      'epoch-ms',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(20);
    expect(firstRunMetric(run, 'server_close_count')).toBe(2);
    expect(firstRunMetric(run, 'stream_errors_count')).toBe(0);
    const ttfeMs = firstRunMetric(run, 'ttfe_p50_us')! / 1000;
    expect(ttfeMs).toBeGreaterThanOrEqual(FIRST_DELAY_MS);
    expect(ttfeMs).toBeLessThan(FIRST_DELAY_MS + TOLERANCE_MS);
    const gapMs = firstRunMetric(run, 'gap_p50_us')! / 1000;
    expect(gapMs).toBeGreaterThanOrEqual(GAP_MS * 0.9);
    expect(gapMs).toBeLessThan(GAP_MS + 40);
    // `date` stamps each line in ms on this host: one-way latency is small, never negative.
    expect(firstRunMetric(run, 'latency_p50_us')).toBeLessThan(50_000);
    expect(run.cell.runs[0]!.histograms).toHaveProperty('gap_us');
  });

  it('counts bytes at the socket: 11 B per masked 5-byte message up, 7 B per 5-byte message down', async () => {
    const run = await runMeasure(dir, [
      `ws://127.0.0.1:${echo.port}/`,
      '--send',
      'hello',
      '--send',
      'world',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(2);
    // Client frames: 2 header bytes + 4 mask bytes + 5 payload; server frames: 2 + 5.
    expect(firstRunMetric(run, 'wire_bytes_up_per_message')).toBe(11);
    expect(firstRunMetric(run, 'wire_bytes_down_per_event')).toBe(7);
    expect(firstRunMetric(run, 'handshake_bytes_down')).toBeGreaterThan(100);
  });
});

describe('websocketd over TLS with a self-signed certificate', () => {
  let server: ThirdPartyServer;
  let tls: ReturnType<typeof createSelfSignedCertificate>;
  beforeAll(async () => {
    tls = createSelfSignedCertificate();
    server = await startWebsocketd('echo one; echo two', tls);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(tls.dir, { recursive: true, force: true });
  });

  it('fails as tls and names --insecure, then measures with --insecure', async () => {
    const refused = await runMeasure(dir, [`wss://127.0.0.1:${server.port}/`, '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.cell.runs[0]!.errorCounts).toEqual({ tls: 1 });
    expect(refused.stderr).toMatch(/error: measure\/ws\/.*: tls .*--insecure/);
    const accepted = await runMeasure(dir, [`wss://127.0.0.1:${server.port}/`, '--insecure', '--quiet']);
    expect(accepted.code).toBe(0);
    expect(firstRunMetric(accepted, 'events_received')).toBe(2);
    expect(firstRunMetric(accepted, 'tls_handshake_p50_us')).toBeGreaterThan(0);
    // TLS records cost more than the 5 bytes of a plain frame of `one` / `two`.
    expect(firstRunMetric(accepted, 'wire_bytes_down_per_event')).toBeGreaterThan(20);
  });
});

describe('nginx with nchan (Debian): pub/sub over EventSource and WebSocket', () => {
  let server: ThirdPartyServer;
  beforeAll(async () => {
    server = await startNchan();
    await publishToNchan(server.port, 'bounded', ['m1', 'm2', 'm3', 'm4', 'm5', 'END']);
    await publishToNchan(server.port, 'resume', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });
  afterAll(async () => server?.stop());

  it('SSE: exactly the five events before the end marker', async () => {
    const run = await runMeasure(dir, [
      `http://127.0.0.1:${server.port}/sub/bounded`,
      '--end-marker',
      'END',
      '--connections',
      '3',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(15);
    expect(firstRunMetric(run, 'end_marker_count')).toBe(3);
    expect(firstRunMetric(run, 'wire_bytes_down_per_event')).toBeGreaterThan(20);
  });

  it('WebSocket: the same channel, the same five events', async () => {
    const run = await runMeasure(dir, [`ws://127.0.0.1:${server.port}/sub/bounded`, '--end-marker', 'END', '--quiet']);
    expect(run.code).toBe(0);
    expect(firstRunMetric(run, 'events_received')).toBe(5);
    expect(firstRunMetric(run, 'end_marker_count')).toBe(1);
  });

  it('resume check: nchan resumes right after Last-Event-ID', async () => {
    const run = await runMeasure(dir, [`http://127.0.0.1:${server.port}/sub/resume`, '--check-resume', '2', '--quiet']);
    expect(run.cell.measure.resume[0]).toMatchObject({ verdict: 'resumed', lost: 0, duplicated: 0 });
    expect(firstRunMetric(run, 'resume_lost_count')).toBe(0);
  });

  it('resume check: with the header ignored, nchan replays from the oldest message', async () => {
    const run = await runMeasure(dir, [
      `http://127.0.0.1:${server.port}/sub-noresume/resume`,
      '--check-resume',
      '2',
      '--quiet',
    ]);
    expect(run.cell.measure.resume[0]).toMatchObject({ verdict: 'replayed-from-start', duplicated: 2 });
  });
});
