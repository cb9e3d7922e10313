/**
 * Runs the bare write→read probe (bare-probe-process.ts) as two child processes and returns its
 * latency histogram, so a run can state its own resolution beside the machine's floor.
 */
import type { ChildProcess } from 'node:child_process';
import * as hdr from 'hdr-histogram-js';
import { addPercentiles } from '../../clients/summarise.js';
import { PhaseError } from '../phase-error.js';
import { captureStderr, forkChild, stopChild } from '../spawn.js';
import type { ProbeReport, ProbeRequest } from './bare-probe-process.js';

const PROBE_MODULE = 'bench/floor/bare-probe-process.js';
const START_TIMEOUT_MS = 10_000;

export interface BareProbeOptions {
  ratePerSec: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface BareProbeResult {
  /** `bare_probe_latency_p50_us` …: written → read, µs. */
  metrics: Record<string, number>;
  histogram: string;
}

function nextReport(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PhaseError('timeout:bare-probe', `the bare probe did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.once('message', (message: ProbeReport) => (clearTimeout(timer), resolve(message)));
    child.once(
      'exit',
      (code) => (
        clearTimeout(timer),
        reject(new PhaseError('child-crash', `the bare probe exited with code ${code}: ${stderr()}`))
      ),
    );
  });
}

function start(request: ProbeRequest): { child: ChildProcess; stderr: () => string } {
  const child = forkChild(PROBE_MODULE);
  const stderr = captureStderr(child);
  child.send(request);
  return { child, stderr };
}

export async function runBareProbe(options: BareProbeOptions): Promise<BareProbeResult> {
  const writer = start({ role: 'writer', ratePerSec: options.ratePerSec });
  let reader: ReturnType<typeof start> | undefined;
  try {
    const listening = await nextReport(writer.child, START_TIMEOUT_MS, writer.stderr);
    if (listening.type !== 'listening')
      throw new PhaseError('protocol:bare-probe', `the probe writer failed: ${JSON.stringify(listening)}`);
    reader = start({
      role: 'reader',
      port: listening.port,
      connections: options.connections,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
    });
    const result = await nextReport(
      reader.child,
      options.warmupMs + options.durationMs + START_TIMEOUT_MS,
      reader.stderr,
    );
    if (result.type !== 'result')
      throw new PhaseError('protocol:bare-probe', `the probe reader failed: ${JSON.stringify(result)}`);
    const metrics: Record<string, number> = {};
    addPercentiles(metrics, 'bare_probe_latency', hdr.decodeFromCompressedBase64(result.histogram));
    return { metrics, histogram: result.histogram };
  } finally {
    await Promise.all([stopChild(writer.child, 500), reader ? stopChild(reader.child, 500) : undefined]);
  }
}
