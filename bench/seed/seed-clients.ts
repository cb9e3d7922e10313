/**
 * Runs the article's clients as processes and reads their one-line JSON answers: the Java
 * async-http-client 2.12.3 handler (seed/java/client) and the Python requests reader
 * (seed/python/article_client.py, on Debian's /usr/bin/python3, which has python3-requests).
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { PhaseError } from '../phase-error.js';
import { runForeignProcess } from '../polyglot/foreign-process.js';
import { SEED_INSTALL_HINT, seedJavaCommand } from './seed-java.js';

/** Debian's Python: `python3` first on PATH may be another build without Debian's modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const PYTHON_CLIENT = path.join(REPO_ROOT, 'seed', 'python', 'article_client.py');

export interface AhcResult {
  asyncHttpClient: string;
  netty: string;
  requestTimeoutMs: number;
  status: number;
  completed: boolean;
  error: string | null;
  wallMs: number;
  bodyParts: number;
  partsOneEvent: number;
  partsFragment: number;
  partsManyEvents: number;
  articleMessagesOk: number;
  specEvents: number;
  eventsSplit: number;
  specChecksumOk: number;
  specChecksumBad: number;
  specNotEnvelope: number;
  specLost: number;
  specLastSeq: number;
  endSeen: boolean;
  latencyP50Us: number;
  latencyP99Us: number;
}

export interface PythonResult {
  reader: 'article' | 'spec';
  requests: string;
  python: string;
  status: number | null;
  lines: number;
  data_events: number;
  end_seen: boolean;
  error: string | null;
  envelopes_ok: number;
  envelopes_bad: number;
  lost: number;
  last_seq: number;
  latency_p50_us: number;
  latency_p99_us: number;
  wall_ms: number;
  data?: unknown[];
}

function parseLastLine<T>(stdout: string, what: string, stderr: string): T {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new PhaseError(
      'protocol:foreign-output',
      `${what} printed no JSON result: ${(stdout + stderr).trim().slice(-800) || 'no output'}`,
    );
  }
}

export async function runAhcClient(
  url: string,
  options: { method?: 'GET' | 'POST'; deadlineMs?: number; abort?: AbortSignal } = {},
): Promise<AhcResult> {
  const deadlineMs = options.deadlineMs ?? 60_000;
  const { command, args } = await seedJavaCommand(
    'client',
    'ArticleAhcClient',
    ['--url', url, '--method', options.method ?? 'POST', '--deadline-ms', String(deadlineMs)],
    ['-XX:+UseSerialGC'],
  );
  const result = await runForeignProcess(command, args, {
    deadlineMs: deadlineMs + 15_000,
    phase: 'ahc-client',
    ...(options.abort ? { abort: options.abort } : {}),
  });
  return parseLastLine<AhcResult>(result.stdout, 'the async-http-client client', result.stderr);
}

export function requireDebianPython(): string {
  try {
    accessSync(DEBIAN_PYTHON, constants.X_OK);
  } catch {
    throw new PhaseError('config', `${DEBIAN_PYTHON} not found; install it with: ${SEED_INSTALL_HINT}`);
  }
  return DEBIAN_PYTHON;
}

export async function runPythonClient(
  reader: 'article' | 'spec',
  url: string,
  options: { get?: boolean; list?: boolean; deadlineMs?: number; abort?: AbortSignal } = {},
): Promise<PythonResult> {
  const args = [
    PYTHON_CLIENT,
    '--reader',
    reader,
    '--url',
    url,
    ...(options.get ? ['--get'] : []),
    ...(options.list ? ['--list'] : []),
  ];
  const result = await runForeignProcess(requireDebianPython(), args, {
    deadlineMs: options.deadlineMs ?? 60_000,
    phase: 'python-client',
    ...(options.abort ? { abort: options.abort } : {}),
  });
  const parsed = parseLastLine<PythonResult>(result.stdout, 'the Python requests client', result.stderr);
  if (parsed.error?.startsWith('ModuleNotFoundError'))
    throw new PhaseError('config', `${DEBIAN_PYTHON} lacks requests; install it with: ${SEED_INSTALL_HINT}`);
  return parsed;
}
