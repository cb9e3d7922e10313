/**
 * A packet capture of loopback TCP traffic on given server ports, summed per connection and
 * direction: the independent witness that the byte counts the harness takes from its sockets are
 * the bytes on the wire.
 *
 * dumpcap captures (one process, unlike tshark which runs dumpcap as a child), tshark reads the
 * file afterwards. A capture fence (capture-fence.ts) replaces guessed delays at both ends.
 * Whatever happens, `stop()` and `abort()` leave no capture process and no capture file behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readDecryptedBytes } from './read-decrypted.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhaseError } from '../phase-error.js';
import { openCaptureFence, type CaptureFence } from './capture-fence.js';
import { resolveCaptureTools, type CaptureTools } from './capture-tools.js';
import { summariseConnections, type ConnectionBytes } from './connection-bytes.js';
import { readTcpSegments, stripRootWarning } from './read-capture.js';

/** Options for {@link startCapture}. */
export interface CaptureOptions {
  /** Server ports whose TCP traffic is captured and summed (IPv4 and IPv6 loopback alike). */
  ports: readonly number[];
  /** Only loopback: the harness sends traffic nowhere else. */
  iface?: 'lo';
  /** Deadline for the capture to prove it is live; the default suits a busy 2-core machine. */
  startTimeoutMs?: number;
  /** Deadline for the stop fence to come through and dumpcap to exit. */
  stopTimeoutMs?: number;
  /** The TLS servers' key log: every connection's application bytes are then decrypted and counted too. */
  keyLogFile?: string;
}

/** A running capture. Call exactly one of `stop()` or `abort()`. */
export interface Capture {
  /** dumpcap's process id, so callers (and tests) can check it is gone afterwards. */
  readonly pid: number;
  /** The temporary pcapng file; deleted by `stop()` and `abort()`. */
  readonly filePath: string;
  readonly ports: readonly number[];
  /** From spawning dumpcap to the start fence seen in the file. */
  readonly startMs: number;
  /** Fences, stops dumpcap, reads the file and sums bytes per connection; then cleans up. */
  stop(): Promise<CaptureSummary>;
  /** Stops dumpcap and cleans up without reading anything (for error paths). */
  abort(): Promise<void>;
}

/** What a capture saw on the measured ports. */
export interface CaptureSummary {
  /** One entry per TCP connection to a measured port, in capture order. */
  connections: ConnectionBytes[];
  /** Packets the kernel dropped before dumpcap read them; non-zero means the sums are incomplete. */
  droppedPackets: number;
  /** From `stop()` being called to dumpcap's exit (fence included). */
  stopMs: number;
  /** Running tshark over the file. */
  readMs: number;
}

const DEFAULT_START_TIMEOUT_MS = 15_000;
const DEFAULT_STOP_TIMEOUT_MS = 15_000;
/** After SIGINT dumpcap writes its statistics block and exits within milliseconds; then SIGKILL. */
const EXIT_GRACE_MS = 5_000;

/** Starts dumpcap on loopback and resolves once its capture is proven live. */
export async function startCapture(options: CaptureOptions): Promise<Capture> {
  const ports = validatePorts(options.ports);
  const tools = resolveCaptureTools();
  const fence = await openCaptureFence();
  const directory = await mkdtemp(join(tmpdir(), 'wire-capture-')).catch(async (error: unknown) => {
    await fence.close();
    throw error;
  });
  const filePath = join(directory, 'capture.pcapng');
  const filter = [...ports, fence.port].map((port) => `tcp port ${port}`).join(' or ');
  const startedAt = performance.now();
  const dumpcap = spawnDumpcap(tools, options.iface ?? 'lo', filter, filePath);
  const resources = { dumpcap, fence, directory };
  try {
    await passFenceWhileRunning(
      dumpcap,
      fence,
      filePath,
      'capture-start',
      options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
  } catch (error) {
    await releaseResources(resources);
    throw error;
  }
  const startMs = performance.now() - startedAt;
  let settled = false;
  const settleOnce = (): void => {
    if (settled) throw new PhaseError('internal', 'capture already stopped');
    settled = true;
  };
  return {
    pid: dumpcap.child.pid ?? -1,
    filePath,
    ports,
    startMs,
    stop: async () => {
      settleOnce();
      return stopAndSummarise(
        resources,
        tools,
        filePath,
        ports,
        options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
        options.keyLogFile,
      );
    },
    abort: async () => {
      settleOnce();
      await releaseResources(resources);
    },
  };
}

/** A dumpcap child with its stderr (for error messages and drop counts) and its exit. */
interface DumpcapProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Removes the process-exit hook that kills dumpcap if this Node process dies first. */
  unhook: () => void;
}

interface CaptureResources {
  dumpcap: DumpcapProcess;
  fence: CaptureFence;
  directory: string;
}

function spawnDumpcap(tools: CaptureTools, iface: string, filter: string, filePath: string): DumpcapProcess {
  // -q: no live packet counter on stderr; the fence, not the counter, tells when packets are in.
  const child = spawn(tools.dumpcapPath, ['-q', '-i', iface, '-f', filter, '-w', filePath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => (stderrText = (stderrText + text).slice(-16_384)));
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => ((stderrText += `\n${err.message}`), resolve(null)));
    // 'close', not 'exit': it comes after stderr is drained, so the drop count line is in.
    child.once('close', (code) => resolve(code));
  });
  // If the test runner or CLI dies without stopping the capture, dumpcap must not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return { child, stderr: () => stderrText, exited, unhook: () => process.off('exit', killOnExit) };
}

/** Passes the fence, failing fast (with dumpcap's own message) if dumpcap exits meanwhile. */
async function passFenceWhileRunning(
  dumpcap: DumpcapProcess,
  fence: CaptureFence,
  filePath: string,
  phase: string,
  deadlineMs: number,
): Promise<void> {
  const controller = new AbortController();
  const died = dumpcap.exited.then((code) => {
    const error = new PhaseError(
      'config',
      `dumpcap exited (code ${code}) during ${phase}: ${stripRootWarning(dumpcap.stderr())}`,
    );
    controller.abort(error);
    throw error;
  });
  died.catch(() => undefined); // observed through the race below or not at all once the fence passed
  try {
    await Promise.race([fence.pass(filePath, phase, deadlineMs, controller.signal), died]);
  } finally {
    controller.abort(new PhaseError('internal', `${phase} finished`));
  }
}

async function stopAndSummarise(
  resources: CaptureResources,
  tools: CaptureTools,
  filePath: string,
  ports: readonly number[],
  deadlineMs: number,
  keyLogFile: string | undefined,
): Promise<CaptureSummary> {
  const stopStartedAt = performance.now();
  try {
    await passFenceWhileRunning(resources.dumpcap, resources.fence, filePath, 'capture-stop', deadlineMs);
    await stopDumpcap(resources.dumpcap);
    const stopMs = performance.now() - stopStartedAt;
    const readStartedAt = performance.now();
    const segments = await readTcpSegments(tools.tsharkPath, filePath);
    const _readMs = performance.now() - readStartedAt;
    const droppedPackets = parseDroppedPackets(resources.dumpcap.stderr());
    const connections = summariseConnections(segments, ports);
    if (keyLogFile !== undefined) {
      for (const connection of connections)
        connection.decrypted = await readDecryptedBytes(
          tools.tsharkPath,
          filePath,
          keyLogFile,
          connection.stream,
          connection.serverPort,
        );
    }
    return { connections, droppedPackets, stopMs, readMs: performance.now() - readStartedAt };
  } finally {
    await releaseResources(resources);
  }
}

/** SIGINT lets dumpcap finish the file; SIGKILL if it does not exit within the grace period. */
async function stopDumpcap(dumpcap: DumpcapProcess): Promise<void> {
  if (dumpcap.child.exitCode === null && dumpcap.child.signalCode === null) dumpcap.child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<'overdue'>((resolve) => (timer = setTimeout(() => resolve('overdue'), EXIT_GRACE_MS)));
  const outcome = await Promise.race([dumpcap.exited, overdue]).finally(() => clearTimeout(timer));
  if (outcome === 'overdue') {
    dumpcap.child.kill('SIGKILL');
    await dumpcap.exited;
    throw new PhaseError('timeout:capture-exit', `dumpcap did not exit within ${EXIT_GRACE_MS} ms of SIGINT; killed`);
  }
  dumpcap.unhook();
  // A failed write (disk full, say) leaves a file that reads fine but lacks packets: not a summary.
  if (outcome !== 0)
    throw new PhaseError('internal', `dumpcap exited with code ${outcome}: ${stripRootWarning(dumpcap.stderr())}`);
}

/** Kills dumpcap if still running, then removes the file and closes the fence; safe to repeat. */
async function releaseResources(resources: CaptureResources): Promise<void> {
  const { child } = resources.dumpcap;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await resources.dumpcap.exited;
  }
  resources.dumpcap.unhook();
  await rm(resources.directory, { recursive: true, force: true });
  await resources.fence.close();
}

/** dumpcap's closing line: "Packets received/dropped on interface 'Loopback: lo': 12/0 (...)". */
function parseDroppedPackets(stderr: string): number {
  const match = /received\/dropped on interface '[^']*': \d+\/(\d+)/.exec(stderr);
  if (!match?.[1])
    throw new PhaseError('internal', `dumpcap did not report its drop count: ${stripRootWarning(stderr)}`);
  return Number(match[1]);
}

function validatePorts(ports: readonly number[]): number[] {
  if (ports.length === 0) throw new PhaseError('config', 'startCapture needs at least one server port');
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new PhaseError('config', `not a TCP port: ${port}`);
  }
  return [...new Set(ports)];
}
