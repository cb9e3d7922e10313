/**
 * Checks that a foreign runtime's latency clock is the clock the servers stamp messages with
 * (process.hrtime, i.e. CLOCK_MONOTONIC on Linux), by sandwiching: read hrtime, ask the foreign
 * process for its clock over a pipe, read hrtime again. With the same clock every answer lies
 * between the two readings, whatever the pipe's delay; with another clock (CLOCK_REALTIME, or a
 * monotonic clock with another origin) answers fall outside by seconds or more. On a host that never
 * suspended, CLOCK_BOOTTIME reads the same as CLOCK_MONOTONIC, so this check cannot tell those two
 * apart; the runtimes' sources can (all three call clock_gettime(CLOCK_MONOTONIC)).
 */
import { createInterface } from 'node:readline';
import { PhaseError, withDeadline } from '../phase-error.js';
import { killForeign, spawnForeign } from './foreign-process.js';

export const CLOCK_PROBE_SAMPLES = 20;
const PROBE_DEADLINE_MS = 20_000;

export interface ClockCheck {
  samples: number;
  /** How far the worst answer fell outside its hrtime bracket, in µs; 0 = consistent with one clock. */
  mismatchUs: number;
  /** Median width of the brackets, in µs: how closely the check pins the two clocks together. */
  windowP50Us: number;
}

/** Reduces bracketed readings (all in ns) to a ClockCheck. */
export function judgeClockReadings(
  readings: readonly { beforeNs: bigint; foreignNs: bigint; afterNs: bigint }[],
): ClockCheck {
  let mismatchNs = 0n;
  const windowsUs: number[] = [];
  for (const { beforeNs, foreignNs, afterNs } of readings) {
    if (foreignNs < beforeNs && beforeNs - foreignNs > mismatchNs) mismatchNs = beforeNs - foreignNs;
    if (foreignNs > afterNs && foreignNs - afterNs > mismatchNs) mismatchNs = foreignNs - afterNs;
    windowsUs.push(Number(afterNs - beforeNs) / 1000);
  }
  windowsUs.sort((a, b) => a - b);
  return {
    samples: readings.length,
    mismatchUs: Number(mismatchNs) / 1000,
    windowP50Us: windowsUs[Math.floor(windowsUs.length / 2)] ?? 0,
  };
}

/**
 * Runs a probe program that answers each stdin line with its clock in ns (clock_probe.py,
 * ClockProbe.java) and judges the answers.
 */
export async function checkForeignClock(
  command: string,
  args: readonly string[],
  samples = CLOCK_PROBE_SAMPLES,
): Promise<ClockCheck> {
  const child = spawnForeign(command, args);
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err) => reject(new PhaseError('config', `could not start ${command}: ${err.message}`)));
    child.once('exit', (code, signal) =>
      reject(new PhaseError('child-crash', `clock probe ${command} exited (${signal ?? code}) early`)),
    );
  });
  failed.catch(() => undefined); // observed through the race below; never an unhandled rejection
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const readings: { beforeNs: bigint; foreignNs: bigint; afterNs: bigint }[] = [];
  try {
    const collect = async () => {
      for (let i = 0; i < samples; i++) {
        const beforeNs = process.hrtime.bigint();
        child.stdin!.write('t\n');
        const line = await lines.next();
        const afterNs = process.hrtime.bigint();
        if (line.done === true || !/^\d+$/.test(line.value.trim()))
          throw new PhaseError('internal', `clock probe ${command} answered ${JSON.stringify(line.value)}`);
        readings.push({ beforeNs, foreignNs: BigInt(line.value.trim()), afterNs });
      }
    };
    await withDeadline(Promise.race([collect(), failed]), PROBE_DEADLINE_MS, 'clock-probe');
    return judgeClockReadings(readings);
  } finally {
    await killForeign(child);
  }
}
