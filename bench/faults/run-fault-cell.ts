/**
 * The fault family's cell runner: one run of a reconnect-* or long-lived cell. A fresh server
 * process (its stream origin fixed, so a restarted server continues the same stream) behind the
 * fault proxy, a client process in reconnect mode, and the fault injected from this process at a
 * recorded nowNs() time once the client's measured window is open. Every step has a deadline and
 * fails with a category; afterwards no process of the cell may be left.
 */
import type { ClientPhase, ClientRunResult } from '../../clients/client-protocol.js';
import { nowNs } from '../../clients/clock.js';
import { runClientProcess } from '../client-process.js';
import type { CellRunner, MeasuredRun } from '../families.js';
import { PhaseError, withDeadline } from '../phase-error.js';
import type { CellPlan } from '../plan.js';
import { clientUrl } from '../run-stream-cell.js';
import { liveChildCount } from '../spawn.js';
import { withRunCertificate } from '../with-cell-server.js';
import { waitMs } from './abortable-wait.js';
import { faultScriptFor, type FaultScript } from './fault-scenarios.js';
import { FaultStage, type InjectedFault } from './fault-stage.js';
import { heartbeatBytes, heartbeatBytesPerMinute } from './heartbeat-bytes.js';
import { summariseCuts, summariseFault } from './outage-metrics.js';

/** Injecting a fault (a kill-restart included) must finish within this, or the cell fails with timeout:fault. */
const INJECT_DEADLINE_MS = 15_000;
const TEARDOWN_DEADLINE_MS = 10_000;

/** Waits until the fault is due, then injects it; a fault that hit no connection proved nothing. */
async function injectWhenDue(
  stage: FaultStage,
  script: FaultScript & { fault: NonNullable<FaultScript['fault']> },
  signal: AbortSignal,
): Promise<InjectedFault> {
  if (!(await waitMs(script.faultAtMs, signal)))
    throw new PhaseError('internal', 'the measured window closed before the fault was due');
  const injected = await withDeadline(stage.inject(script.fault, script.downMs), INJECT_DEADLINE_MS, 'fault');
  if (injected.connectionsHit === 0) throw new PhaseError('internal', `the ${script.fault} fault hit no connection`);
  return injected;
}

/** Runs the client process; the fault goes in once its window opens. Resolves with both outcomes. */
async function measureThroughFault(
  cell: CellPlan,
  stage: FaultStage,
  script: FaultScript,
  abort: AbortSignal,
): Promise<{ result: ClientRunResult; injected?: InjectedFault }> {
  const ownAbort = new AbortController();
  const signal = AbortSignal.any([abort, ownAbort.signal]);
  let injection: Promise<InjectedFault> | undefined;
  const onPhase = (phase: ClientPhase) => {
    const fault = script.fault;
    if (phase !== 'measuring' || fault === undefined) return;
    injection = injectWhenDue(stage, { ...script, fault }, signal);
    // A failed injection ends the client's window at once; its error becomes the cell's.
    injection.catch(() => ownAbort.abort());
  };
  let result: ClientRunResult;
  try {
    result = await runClientProcess(
      { ...cell.client, url: stage.clientUrl(clientUrl(cell, stage.serverUrl())) },
      onPhase,
      signal,
    );
  } finally {
    ownAbort.abort();
    // Never tear the stage down under a restart still in progress.
    await injection?.catch(() => undefined);
  }
  if (script.fault !== undefined && injection === undefined)
    throw new PhaseError('internal', 'the client never opened its measured window');
  return injection === undefined ? { result } : { result, injected: await injection };
}

function heartbeatMetrics(cell: CellPlan, result: ClientRunResult, windowMs: number): Record<string, number> {
  const heartbeats = result.metrics.heartbeats_count ?? 0;
  const connections = result.metrics.connections ?? 0;
  return {
    heartbeat_bytes_each: heartbeatBytes(cell.transport),
    heartbeat_bytes_per_min: heartbeatBytesPerMinute(cell.transport, heartbeats, connections, windowMs),
  };
}

function toMeasuredRun(
  cell: CellPlan,
  stage: FaultStage,
  result: ClientRunResult,
  injected: InjectedFault | undefined,
): MeasuredRun {
  const report = result.reconnect;
  if (report === undefined)
    throw new PhaseError('internal', 'the client process did not report its outages (not in reconnect mode?)');
  const outages = injected === undefined ? summariseCuts(report) : summariseFault(report, injected.atNs);
  const metrics = { ...result.metrics, ...outages.metrics };
  if (injected?.restartMs !== undefined) metrics.server_restart_ms = injected.restartMs;
  if (injected === undefined)
    Object.assign(metrics, heartbeatMetrics(cell, result, (report.windowEndNs - report.windowStartNs) / 1e6));
  return {
    metrics,
    histograms: { ...result.histograms, ...outages.histograms },
    timeline: result.timeline,
    errorCounts: result.errorCounts,
    warnings: result.warnings,
    serverConfig: stage.describeServer(),
  };
}

/** The `faults` family's CellRunner. */
export const runFaultCell: CellRunner = async (planned, abort) => {
  let cell = planned;
  const script = faultScriptFor(cell.scenario.name);
  const childrenBefore = liveChildCount();
  // A TLS transport: the run's certificate on the server, trusted by the client; the proxy relays TLS untouched.
  const secured = withRunCertificate(cell);
  cell = { ...cell, client: secured.client };
  const stage = await FaultStage.start({ ...secured.server, streamEpochNs: nowNs() }, cell.target);
  let run: MeasuredRun;
  try {
    if (script.pathIdleTimeoutMs !== undefined) stage.setPathIdleTimeout(script.pathIdleTimeoutMs);
    const { result, injected } = await measureThroughFault(cell, stage, script, abort);
    run = toMeasuredRun(cell, stage, result, injected);
  } finally {
    await withDeadline(stage.close(), TEARDOWN_DEADLINE_MS, 'teardown');
  }
  const leftOver = liveChildCount() - childrenBefore;
  if (leftOver > 0) throw new PhaseError('internal', `${leftOver} child processes outlived the cell`);
  return run;
};
