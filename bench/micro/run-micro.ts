/**
 * Micro-benchmarks of the hot paths that never touch the network: the envelope codec, SSE event
 * encode/parse and WS frame encode/parse. A low-noise signal next to the network benchmarks: if a
 * latency regression shows here too, it is CPU in our code or a dependency, not the network.
 *
 * Methodology: tinybench times each sample with the monotonic clock; one sample runs the operation
 * `opsPerSample` times, because a single ~100 ns call would mostly measure the clock read. Each task
 * is verified before and after timing (see micro-task.ts). Operations run on pre-built inputs, so
 * no allocation of test data is timed. Results are the mean per operation with tinybench's relative
 * margin of error; the compare gates them as `micro_<name>_ns_per_op`, noisy, lower is better.
 *
 * Run: node dist/bench/micro/run-micro.js [--time-ms 500] [--only name,name] [--json]
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import { EXIT } from '../../cli/exit-codes.js';
import type { CategorisedError } from '../results.js';
import { createEnvelopeTasks } from './envelope-tasks.js';
import { MICRO_BENCHMARKS, microMetricName, type MicroBenchmarkName } from './micro-metrics.js';
import type { MicroTask } from './micro-task.js';
import { formatMicroTable } from './micro-table.js';
import { createSseTasks } from './sse-tasks.js';
import { createWsFrameTasks } from './ws-frame-tasks.js';

export interface MicroOptions {
  /** Sampling time per benchmark, after warm-up. */
  timeMs: number;
  /** Warm-up time per benchmark, so the JIT has compiled the hot path before timing. */
  warmupMs: number;
  /** Operations per timed sample. */
  opsPerSample: number;
  /** Run only these benchmarks (all when absent). */
  only?: readonly MicroBenchmarkName[];
}

export const DEFAULT_MICRO_OPTIONS: Readonly<MicroOptions> = Object.freeze({
  timeMs: 500,
  warmupMs: 100,
  opsPerSample: 100,
});

/** The result of one benchmark; figures are NaN when it failed (see `error`). */
export interface MicroResult {
  name: MicroBenchmarkName;
  /** The metric name the compare knows it by. */
  metric: string;
  opsPerSec: number;
  meanNs: number;
  /** Relative margin of error of the mean at 95%, in percent. */
  rmePct: number;
  /** Timed samples (each of `opsPerSample` operations). */
  samples: number;
  error?: CategorisedError;
}

/** Written by every sample so the optimiser cannot prove the work unused. */
let _sink: unknown;

function createAllTasks(): MicroTask[] {
  return [...createEnvelopeTasks(), ...createSseTasks(), ...createWsFrameTasks()];
}

function describeFailure(task: MicroTask, category: CategorisedError['category'], error: unknown): MicroResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: task.name,
    metric: microMetricName(task.name),
    opsPerSec: Number.NaN,
    meanNs: Number.NaN,
    rmePct: Number.NaN,
    samples: 0,
    error: { category, message },
  };
}

function toResult(microTask: MicroTask, benchTask: Task | undefined, opsPerSample: number): MicroResult {
  const result = benchTask?.result;
  if (result === undefined) return describeFailure(microTask, 'internal', 'tinybench returned no result');
  if (result.error !== undefined) return describeFailure(microTask, 'internal', result.error);
  const meanNs = (result.latency.mean * 1e6) / opsPerSample;
  return {
    name: microTask.name,
    metric: microMetricName(microTask.name),
    opsPerSec: 1e9 / meanNs,
    meanNs,
    rmePct: result.latency.rme,
    samples: result.latency.samples.length,
  };
}

/** Times one verified task; a task that fails its check is reported, never timed. */
async function measureTask(task: MicroTask, options: MicroOptions): Promise<MicroResult> {
  try {
    task.verify();
  } catch (error) {
    return describeFailure(task, 'integrity', error);
  }
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, throws: false });
  bench.add(task.name, () => {
    for (let i = 0; i < options.opsPerSample; i++) _sink = task.runOnce();
  });
  await bench.run();
  const result = toResult(task, bench.getTask(task.name), options.opsPerSample);
  try {
    task.verify();
  } catch (error) {
    return describeFailure(task, 'integrity', error);
  }
  return result;
}

/** Runs the micro-benchmarks one after another (never concurrently: they share two cores). */
export async function runMicroBenchmarks(options: Partial<MicroOptions> = {}): Promise<MicroResult[]> {
  const resolved: MicroOptions = { ...DEFAULT_MICRO_OPTIONS, ...options };
  const tasks = createAllTasks().filter((task) => resolved.only === undefined || resolved.only.includes(task.name));
  const results: MicroResult[] = [];
  for (const task of tasks) results.push(await measureTask(task, resolved));
  return results;
}

/** The successful results as the metrics of one run, keyed by metric name (for a RunResult). */
export function toMicroMetrics(results: readonly MicroResult[]): Record<string, number> {
  return Object.fromEntries(
    results.filter((result) => result.error === undefined).map((result) => [result.metric, result.meanNs]),
  );
}

function parseOnly(text: string | undefined): MicroBenchmarkName[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in MICRO_BENCHMARKS));
  if (unknown.length > 0)
    throw new Error(
      `unknown micro-benchmark ${unknown.join(', ')}; known: ${Object.keys(MICRO_BENCHMARKS).join(', ')}`,
    );
  return names as MicroBenchmarkName[];
}

function parseMainOptions(argv: readonly string[]): { options: Partial<MicroOptions>; json: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'time-ms': { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const timeMs = values['time-ms'] === undefined ? DEFAULT_MICRO_OPTIONS.timeMs : Number(values['time-ms']);
  if (!(timeMs > 0)) throw new Error(`--time-ms must be a positive number of milliseconds, got ${values['time-ms']}`);
  const only = parseOnly(values.only);
  return { options: { timeMs, ...(only === undefined ? {} : { only }) }, json: values.json === true };
}

/** Command-line entry: prints a table (or JSON), exits 1 when any benchmark failed its check. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseMainOptions>;
  try {
    parsed = parseMainOptions(argv);
  } catch (error) {
    process.stderr.write(`run-micro: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const results = await runMicroBenchmarks(parsed.options);
  process.stdout.write(parsed.json ? `${JSON.stringify(results, null, 2)}\n` : formatMicroTable(results));
  return results.some((result) => result.error !== undefined) ? EXIT.correctness : EXIT.ok;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  process.exitCode = await main(process.argv.slice(2));
}
