/**
 * Test fixtures: servers the project did not write, started on free loopback ports and stopped
 * after the tests (Debian's websocketd wrapping a shell script; nginx with the nchan pub/sub
 * module), plus a self-signed certificate from openssl. Installed by
 * bench/setup/install-system-packages.sh; a missing one fails the tests with that hint.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNginxBinary } from '../../bench/proxy/nginx-binary.js';
import { findFreePort, waitUntilAccepting } from '../../bench/proxy/free-port.js';
import type { ResultsDocument } from '../../bench/results.js';
import { runMeasureCli } from '../../bench/measure/cli.js';
import type { MeasureCellResult } from '../../bench/measure/measure-cell.js';

export const INSTALL_HINT =
  'run `bash bench/setup/install-system-packages.sh` as root (it installs websocketd, nginx and libnginx-mod-nchan)';
export const NCHAN_MODULE = '/usr/lib/nginx/modules/ngx_nchan_module.so';

export interface ThirdPartyServer {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

async function startOnFreePort(
  dir: string,
  launch: (port: number) => ChildProcess,
  what: string,
): Promise<ThirdPartyServer> {
  const port = await findFreePort('127.0.0.1');
  const child = launch(port);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  if (!(await waitUntilAccepting('127.0.0.1', port, 5000, exited.signal))) {
    await stopChild(child, dir);
    throw new Error(`${what} did not start on port ${port}: ${output.slice(0, 500)}`);
  }
  return { port, dir, stop: () => stopChild(child, dir) };
}

/** websocketd serving `script` (a shell script's text), one process per connection; optional TLS. */
export function startWebsocketd(script: string, tls?: { cert: string; key: string }): Promise<ThirdPartyServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'measure-websocketd-'));
  const file = path.join(dir, 'stream.sh');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  if (!existsSync('/usr/bin/websocketd')) throw new Error(`websocketd not found: ${INSTALL_HINT}`);
  const tlsArgs = tls === undefined ? [] : ['--ssl', `--sslcert=${tls.cert}`, `--sslkey=${tls.key}`];
  return startOnFreePort(
    dir,
    (port) =>
      spawn('/usr/bin/websocketd', [`--port=${port}`, '--address=127.0.0.1', '--loglevel=error', ...tlsArgs, file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    'websocketd',
  );
}

/**
 * nginx with nchan: POST /pub/<channel> publishes, /sub/<channel> subscribes (EventSource or
 * WebSocket) from the oldest buffered message and resumes from Last-Event-ID; /sub-noresume/<ch>
 * is the same channel with the header ignored (nchan reads the id from a variable we leave empty).
 */
export function startNchan(): Promise<ThirdPartyServer> {
  const nginx = findNginxBinary();
  if (nginx === undefined || !existsSync(NCHAN_MODULE)) throw new Error(`nginx with nchan not found: ${INSTALL_HINT}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'measure-nchan-'));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${dir}/${name};`)
    .join('\n');
  const conf = (port: number): string => `load_module ${NCHAN_MODULE};
worker_processes 1;
error_log stderr error;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
${temp}
  server {
    listen 127.0.0.1:${port};
    location ~ ^/pub/(\\w+)$ { nchan_publisher; nchan_channel_id $1; nchan_message_buffer_length 1000; nchan_message_timeout 10m; }
    location ~ ^/sub/(\\w+)$ { nchan_subscriber; nchan_channel_id $1; nchan_subscriber_first_message oldest; }
    location ~ ^/sub-noresume/(\\w+)$ { nchan_subscriber; nchan_channel_id $1; nchan_subscriber_first_message oldest; nchan_subscriber_last_message_id $arg_nothing_here; }
  }
}
`;
  return startOnFreePort(
    dir,
    (port) => {
      writeFileSync(path.join(dir, 'nginx.conf'), conf(port));
      return spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
    'nginx (nchan)',
  );
}

/** Publishes messages to an nchan channel, in order, one POST each. */
export async function publishToNchan(port: number, channel: string, messages: readonly string[]): Promise<void> {
  for (const message of messages) {
    const response = await fetch(`http://127.0.0.1:${port}/pub/${channel}`, { method: 'POST', body: message });
    if (!response.ok) throw new Error(`nchan publish returned ${response.status}`);
  }
}

/** A self-signed certificate for 127.0.0.1 / localhost, in a fresh folder. */
export function createSelfSignedCertificate(): { cert: string; key: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'measure-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key, dir };
}

/** What one in-process `npm run measure` left: exit code, console text and the results document. */
export interface MeasureOutcome {
  code: number;
  stderr: string;
  stdout: string;
  doc: ResultsDocument;
  cell: MeasureCellResult;
}

/** Runs the measure CLI in-process into `dir` and reads back what it wrote. */
export async function runMeasure(dir: string, argv: string[]): Promise<MeasureOutcome> {
  const out = path.join(dir, `run-${Math.random().toString(36).slice(2)}.json`);
  let stdout = '';
  let stderr = '';
  const code = await runMeasureCli([...argv, '--out', out], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  const doc = JSON.parse(readFileSync(out, 'utf8')) as ResultsDocument;
  return { code, stdout, stderr, doc, cell: doc.cells[0] as MeasureCellResult };
}

/** A metric of the cell's first run. */
export function firstRunMetric(outcome: MeasureOutcome, name: string): number | undefined {
  return outcome.cell.runs[0]?.metrics[name];
}
