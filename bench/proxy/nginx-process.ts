/**
 * A private nginx for one run: its own directory (config, pid, temp files), its own loopback port,
 * in the foreground as a child of the runner. Stopping it ends the master and its workers and
 * removes the directory; so does the runner's exit, whatever way it leaves. The system's nginx
 * service, if any, is never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PhaseError } from '../phase-error.js';
import { findFreePort, waitUntilAccepting } from './free-port.js';
import { findNginxBinary, NGINX_INSTALL_HINT, readNginxBuild } from './nginx-binary.js';
import { http2SyntaxFor, renderNginxConfig, type NginxProfile, type NginxTlsFront } from './nginx-configs.js';
import { isProcessAlive, killIfAlive, listChildPids } from './process-tree.js';

export interface NginxOptions {
  profile: NginxProfile;
  /** host:port nginx proxies to (IPv6 literals in brackets). */
  upstream: string;
  /** Listen address; loopback unless told otherwise. */
  host?: string;
  /** How long nginx may take to accept connections, per attempt. */
  startDeadlineMs?: number;
  /** How long a stop waits after SIGTERM before it SIGKILLs. */
  stopGraceMs?: number;
  /** Listen with TLS and HTTP/2 (ALPN h2, http/1.1 still offered) with this certificate; plain HTTP/1.1 without. */
  tlsFront?: { certFile: string; keyFile: string };
}

export interface NginxProcess {
  host: string;
  port: number;
  /** The master's pid. */
  pid: number;
  /** The private directory (config, pid file, temp paths); gone after stop(). */
  tmpDir: string;
  version: string;
  /** The nginx.conf as run, for the results document. */
  configText: string;
  /** Master and worker pids right now (the tests check none survive a stop). */
  processIds(): number[];
  /** What nginx wrote to its error log (stderr), bounded. */
  errorLog(): string;
  /** With a TLS front: the access log so far, one `protocol tls-version status uri` line per finished request. */
  frontLog(): string;
  /** Ends master and workers and removes the directory; safe to call twice. */
  stop(): Promise<void>;
}

const START_ATTEMPTS = 5;
const DEFAULT_START_DEADLINE_MS = 5000;
const DEFAULT_STOP_GRACE_MS = 2000;
const MAX_LOG_CHARS = 16_384;
/** The TLS front's access log, inside the private directory. */
const FRONT_LOG_NAME = 'front-access.log';
/** nginx retries a busy port for 2.5 s before it gives up; we pick another port at once instead. */
const ADDRESS_IN_USE = /Address already in use/;

/** Children and directories not yet cleaned up, so the runner's exit can end them even when nobody called stop(). */
const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();

process.once('exit', () => {
  for (const child of liveChildren) {
    if (child.pid !== undefined) [child.pid, ...listChildPids(child.pid)].forEach((pid) => killIfAlive(pid, 'nginx'));
  }
  for (const dir of liveDirs) removeDir(dir);
});

function makePrivateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sse-ws-bench-nginx-'));
  liveDirs.add(dir);
  // Run as root, nginx's workers drop to `nobody`: they must be able to reach their temp paths.
  chmodSync(dir, 0o755);
  return dir;
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

/** Starts nginx with `options.profile` in front of `options.upstream`; throws `config` if nginx is missing. */
export async function startNginx(options: NginxOptions): Promise<NginxProcess> {
  const binary = findNginxBinary();
  if (binary === undefined) throw new PhaseError('config', NGINX_INSTALL_HINT);
  const build = readNginxBuild(binary);
  const tmpDir = makePrivateDir();
  const host = options.host ?? '127.0.0.1';
  const tlsFront: NginxTlsFront | undefined = options.tlsFront && {
    ...options.tlsFront,
    http2Syntax: http2SyntaxFor(build.version),
    accessLogFile: path.join(tmpDir, FRONT_LOG_NAME),
  };
  let lastLog = '';
  try {
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const port = await findFreePort(host);
      const configText = renderNginxConfig({
        profile: options.profile,
        listenHost: host,
        listenPort: port,
        upstream: options.upstream,
        tmpDir,
        modulesLeftOut: build.modulesLeftOut,
        ...(tlsFront ? { tlsFront } : {}),
      });
      const outcome = await launch(binary, tmpDir, configText, host, port, options);
      if (outcome.kind === 'ready') return { ...outcome.instance, version: build.version };
      lastLog = outcome.log;
      if (outcome.kind !== 'port-taken') break;
    }
  } catch (err) {
    removeDir(tmpDir);
    throw err;
  }
  removeDir(tmpDir);
  throw new PhaseError('server-start', `nginx did not start: ${lastLog.trim() || 'no output'}`);
}

type LaunchOutcome = { kind: 'ready'; instance: Instance } | { kind: 'port-taken' | 'failed'; log: string };

async function launch(
  binary: string,
  tmpDir: string,
  configText: string,
  host: string,
  port: number,
  options: NginxOptions,
): Promise<LaunchOutcome> {
  const configPath = path.join(tmpDir, 'nginx.conf');
  writeFileSync(configPath, configText);
  // -e: the compiled-in error log (/var/log/nginx) may be unwritable; -g: no daemon, pid file kept private.
  const args = ['-p', `${tmpDir}/`, '-c', configPath, '-e', 'stderr', '-g', `daemon off; pid ${tmpDir}/nginx.pid;`];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  liveChildren.add(child);
  let log = '';
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  child.once('error', (err) => ((log += `${err.message}\n`), exited.abort()));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (log.length < MAX_LOG_CHARS) log += chunk;
    if (ADDRESS_IN_USE.test(chunk)) exited.abort();
  });
  const accepting = await waitUntilAccepting(
    host,
    port,
    options.startDeadlineMs ?? DEFAULT_START_DEADLINE_MS,
    exited.signal,
  );
  const frontLogFile = path.join(tmpDir, FRONT_LOG_NAME);
  const frontLog = () => (existsSync(frontLogFile) ? readFileSync(frontLogFile, 'utf8') : '');
  const instance = createInstance(
    child,
    tmpDir,
    host,
    port,
    configText,
    { errorLog: () => log, frontLog },
    options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
  );
  if (accepting && !exited.signal.aborted) return { kind: 'ready', instance };
  await instance.stop({ keepDir: true });
  return {
    kind: ADDRESS_IN_USE.test(log) ? 'port-taken' : 'failed',
    log: log || (accepting ? '' : `not accepting on ${host}:${port} within the deadline`),
  };
}

type Instance = Omit<NginxProcess, 'version' | 'stop'> & { stop(options?: { keepDir?: boolean }): Promise<void> };

function createInstance(
  child: ChildProcess,
  tmpDir: string,
  host: string,
  port: number,
  configText: string,
  logs: Pick<NginxProcess, 'errorLog' | 'frontLog'>,
  graceMs: number,
): Instance {
  const masterPid = child.pid ?? -1;
  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { keepDir?: boolean } = {}): Promise<void> => {
    stopping ??= terminate(child, graceMs).finally(() => {
      liveChildren.delete(child);
      if (!stopOptions.keepDir) removeDir(tmpDir);
    });
    return stopping;
  };
  return {
    host,
    port,
    pid: masterPid,
    tmpDir,
    configText,
    processIds: () => (isProcessAlive(masterPid) ? [masterPid, ...listChildPids(masterPid)] : []),
    ...logs,
    stop,
  };
}

/** SIGTERM (nginx's fast shutdown: it closes open streams instead of waiting them out), then SIGKILL. */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.pid === undefined) return;
  // Known before any signal: once the master is gone its workers belong to init.
  const workers = listChildPids(child.pid);
  const exited = waitForExit(child);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  for (const pid of workers) killIfAlive(pid, 'nginx');
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
