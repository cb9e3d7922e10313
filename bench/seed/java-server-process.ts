/**
 * The article's server stack (seed/java/server: Spring MVC 4.3 SseEmitter and JSR-356 WebSocket on
 * embedded Tomcat 9) as a server process shaped like bench/server-process.ts's: started on port 0,
 * ready when it says so, sampled for CPU and memory, stopped. A JVM cannot join Node's IPC, so it
 * prints one `SEED-SERVER READY {json}` line on stdout; CPU and RSS come from /proc/<pid>, the
 * message counters and heap from the server's GET /stats.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import type { ServerSample } from '../../servers/main.js';
import { PhaseError, withDeadline } from '../phase-error.js';
import { killForeign, spawnForeign } from '../polyglot/foreign-process.js';
import { seedJavaCommand } from './seed-java.js';

/** JVM start plus Spring's context; compiling (first run only) happens before this clock starts. */
export const JAVA_SERVER_START_DEADLINE_MS = 30_000;
const READY_PREFIX = 'SEED-SERVER READY ';

/** What the server says about itself once listening; versions are read from the running classes. */
export interface JavaServerInfo {
  url: string;
  port: number;
  spring: string;
  tomcat: string;
  java: string;
  /** The connector's asyncTimeout: what `new SseEmitter()` falls back to. */
  asyncTimeoutMs: number;
  /** The constructor /stream uses unless a request says otherwise: `0` or `default`. */
  emitterTimeout: string;
  sendThreads: number;
}

export interface JavaServerOptions {
  host?: string;
  /** Overrides Tomcat's connector asyncTimeout; Tomcat's own default when absent. */
  asyncTimeoutMs?: number;
  /** `0` (the article's SseEmitter(0L), the default) or `default` (the no-argument constructor). */
  emitterTimeout?: '0' | 'default';
}

/** Counters GET /stats returns. */
export interface JavaServerStats {
  atNs: number;
  messagesDelivered: number;
  connectionsOpen: number;
  connectionsTotal: number;
  emitterTimeouts: number;
  sendsAfterComplete: number;
  threads: number;
  heapUsedBytes: number;
}

export interface JavaServerProcess {
  url: string;
  port: number;
  pid: number;
  info: JavaServerInfo;
  /** A one-line name of the system, versions as run: `Spring 4.3.30.RELEASE on Tomcat 9.0.70.0 (Java 17.0.15)`. */
  system: string;
  stats(options?: { gc?: boolean }): Promise<JavaServerStats>;
  sample(options?: { gc?: boolean }): Promise<ServerSample>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

let clockTicksPerSec: number | undefined;
function ticksPerSec(): number {
  if (clockTicksPerSec === undefined) {
    try {
      clockTicksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSec = 100;
    }
  }
  return clockTicksPerSec;
}

/** User and system CPU (µs) and resident memory (bytes) of a process, from /proc. */
export function readProcUsage(pid: number): { cpuUserUs: number; cpuSystemUs: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const usPerTick = 1e6 / ticksPerSec();
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return {
    cpuUserUs: Number(fields[11]) * usPerTick,
    cpuSystemUs: Number(fields[12]) * usPerTick,
    rssBytes: rssKib * 1024,
  };
}

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as T);
          } catch (err) {
            reject(err);
          }
        });
      })
      .on('error', reject);
  });
}

export function describeJavaSystem(info: Pick<JavaServerInfo, 'spring' | 'tomcat' | 'java'>): string {
  return `Spring ${info.spring.replace(/\.RELEASE$/, '')} on Tomcat ${info.tomcat.replace(/\.0$/, '')} (Java ${info.java})`;
}

export async function startJavaServer(options: JavaServerOptions = {}): Promise<JavaServerProcess> {
  const args = [
    '--host',
    options.host ?? '127.0.0.1',
    '--port',
    '0',
    ...(options.asyncTimeoutMs !== undefined ? ['--async-timeout-ms', String(options.asyncTimeoutMs)] : []),
  ];
  const jvm = [`-Dseed.emitterTimeout=${options.emitterTimeout ?? '0'}`, '-XX:+UseSerialGC', '-Xss512k'];
  const { command, args: fullArgs } = await seedJavaCommand('server', 'SeedServer', args, jvm);
  const child: ChildProcess = spawnForeign(command, fullArgs);
  child.stdin?.end();
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 16_384) stderr += chunk;
  });
  const ready = new Promise<JavaServerInfo>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) resolve(JSON.parse(line.slice(READY_PREFIX.length)) as JavaServerInfo);
    });
    child.once('error', (err) => reject(new PhaseError('server-start', `could not start java: ${err.message}`)));
    child.once('exit', (code, signal) =>
      reject(
        new PhaseError(
          'server-start',
          `the Java server exited (${signal ?? code}) before it was ready: ${stderr.trim().slice(-1500) || 'no output'}`,
        ),
      ),
    );
  });
  let info: JavaServerInfo;
  try {
    info = await withDeadline(ready, JAVA_SERVER_START_DEADLINE_MS, 'server-start');
  } catch (err) {
    await killForeign(child);
    throw err;
  }
  const pid = child.pid!;
  const base = new URL(info.url);
  const stats = (gc = false) =>
    withDeadline(getJson<JavaServerStats>(`${base.origin}/stats${gc ? '?gc=1' : ''}`), 5000, 'server-sample');
  return {
    url: info.url,
    port: info.port,
    pid,
    info,
    system: describeJavaSystem(info),
    stats: (o) => stats(o?.gc ?? false),
    sample: async (o) => {
      const counters = await stats(o?.gc ?? false);
      return {
        ...readProcUsage(pid),
        heapUsedBytes: counters.heapUsedBytes,
        connectionsOpen: counters.connectionsOpen,
        messagesDelivered: counters.messagesDelivered,
        messagesPublished: counters.messagesDelivered,
        upstreamReceived: 0,
        atNs: String(process.hrtime.bigint()),
      };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => killForeign(child),
  };
}
