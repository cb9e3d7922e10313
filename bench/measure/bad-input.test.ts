/**
 * Endpoints that go wrong, all in one run: each failure is a named category in the results and a
 * clear console line, the other connections carry on, and the results are written. Ctrl-C (the
 * abort) writes what was measured and exits 130.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn } from '../../servers/http-util.js';
import { findFreePort } from '../proxy/free-port.js';
import type { ResultsDocument } from '../results.js';
import { runMeasureCli } from './cli.js';
import type { MeasureCellResult } from './measure-cell.js';
import { runMeasure } from '../../test/support/third-party-fixtures.js';

let dir: string;
let server: http.Server;
let silentTcp: net.Server;
let base: string;
let silentPort: number;
const silentSockets = new Set<net.Socket>();

/** Routes that misbehave one way each; /ok is a well-behaved stream of three events. */
function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const sse = { 'content-type': 'text/event-stream' };
  switch (req.url) {
    case '/ok':
      res.writeHead(200, sse);
      res.end('data: 1\n\ndata: 2\n\ndata: 3\n\n');
      return;
    case '/status':
      res.writeHead(503).end('busy');
      return;
    case '/mime':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    case '/silent':
      res.writeHead(200, sse);
      res.flushHeaders();
      return;
    case '/endless': {
      res.writeHead(200, sse);
      res.write('data: ');
      const chunk = 'x'.repeat(16 * 1024);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'measure-bad-'));
  server = http.createServer(handle);
  base = `http://127.0.0.1:${await listenOn(server, '127.0.0.1', 0)}`;
  // Accepts TCP connections and never answers: no response headers, ever.
  silentTcp = net.createServer((socket) => silentSockets.add(socket));
  silentPort = await listenOn(silentTcp, '127.0.0.1', 0);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silentTcp.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('bad endpoints', () => {
  it('names each failure, keeps measuring the rest, and writes the results', async () => {
    const refusedPort = await findFreePort('127.0.0.1');
    const workloads = [
      { name: 'ok', url: `${base}/ok` },
      { name: 'unreachable', url: 'http://unreachable.invalid/stream' },
      { name: 'refused', url: `http://127.0.0.1:${refusedPort}/` },
      { name: 'tls', url: `${base.replace('http:', 'https:')}/ok` },
      { name: 'status', url: `${base}/status` },
      { name: 'mime', url: `${base}/mime` },
      { name: 'silent', url: `${base}/silent` },
      { name: 'no-headers', url: `http://127.0.0.1:${silentPort}/` },
      { name: 'endless', url: `${base}/endless`, maxLineBytes: 65536 },
    ];
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ defaults: { idleTimeoutMs: 300, connections: 2 }, workloads }));
    const run = await runMeasure(dir, ['--config', file, '--quiet']);
    expect(run.code).toBe(1);
    const categories = Object.fromEntries(
      run.doc.cells.map((cell) => [cell.id.split('/').at(-1), cell.runs[0]!.errorCounts]),
    );
    expect(categories).toEqual({
      ok: {},
      unreachable: { unreachable: 2 },
      refused: { refused: 2 },
      tls: { tls: 2 },
      status: { 'http-status': 2 },
      mime: { mime: 2 },
      silent: { 'idle-timeout': 2 },
      'no-headers': { 'idle-timeout': 2 },
      endless: { 'line-too-long': 2 },
    });
    expect(run.doc.cells[0]!.runs[0]!.metrics['events_received']).toBe(6);
    for (const category of ['unreachable', 'refused', 'tls', 'http-status', 'mime', 'idle-timeout', 'line-too-long']) {
      expect(run.stderr).toMatch(new RegExp(`^error: measure/sse/\\S+: ${category} \\(×2\\): .+`, 'm'));
    }
    expect(run.stderr).toMatch(/refused .*is the server running on that port\?/);
    expect(run.stderr).toMatch(/503/);
    expect(run.stderr).toMatch(/expected Content-Type text\/event-stream, got "application\/json"/);
    expect(run.stderr).toMatch(/longer than 65536 bytes \(--max-line-bytes\)/);
    expect((run.doc.cells[1] as MeasureCellResult).measure.errorExamples['unreachable']).toMatch(
      /cannot reach unreachable\.invalid/,
    );
    expect(run.doc.complete).toBe(true);
  });

  it('on Ctrl-C writes what was measured and exits 130', async () => {
    const out = path.join(dir, 'interrupted.json');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const code = await runMeasureCli(
      [`${base}/silent`, '--repeats', '3', '--out', out, '--quiet'],
      { stdout: () => undefined, stderr: () => undefined },
      abort,
    );
    expect(code).toBe(130);
    const doc = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as ResultsDocument;
    expect(doc.complete).toBe(false);
    expect(doc.cells[0]!.runs).toHaveLength(1);
    expect(doc.cells[0]!.runs[0]!.metrics['connect_p50_us']).toBeGreaterThan(0);
  });
});
