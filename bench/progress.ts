/**
 * Progress while running, as a run listener. On a terminal: one line redrawn in place (current cell,
 * repeat, elapsed and remaining time). Elsewhere (CI, a pipe): one plain line per finished run.
 * Always on stderr, so stdout stays clean for tables or JSON.
 */
import { formatDuration, formatValue } from './console-format.js';
import type { RunListener, RunProgress } from './run-plan.js';
import type { RunResult } from './results.js';

function describe(progress: RunProgress): string {
  return `[${progress.index + 1}/${progress.total}] ${progress.cell.id} repeat ${progress.repeat + 1}`;
}

function headline(run: RunResult): string {
  if (run.status === 'failed') return `FAILED ${run.error?.category}: ${run.error?.message.split('\n')[0]}`;
  const m = run.metrics;
  const parts: string[] = [];
  if (m.latency_p50_us !== undefined) parts.push(`p50 ${formatValue(m.latency_p50_us, 'µs')}`);
  if (m.ttft_p50_us !== undefined) parts.push(`ttft ${formatValue(m.ttft_p50_us, 'µs')}`);
  if (m.throughput_msgs_per_sec !== undefined) parts.push(`${formatValue(m.throughput_msgs_per_sec, 'msg/s')}`);
  const broken = (m.lost_count ?? 0) + (m.duplicated_count ?? 0) + (m.corrupted_count ?? 0) + (m.reordered_count ?? 0);
  if (broken > 0) parts.push(`INTEGRITY: ${m.lost_count} lost ${m.duplicated_count} dup ${m.reordered_count} reord ${m.corrupted_count} corrupt`);
  return parts.join(', ');
}

export function createProgressListener(stream: NodeJS.WriteStream, isTty: boolean): RunListener {
  let ticker: NodeJS.Timeout | undefined;
  if (!isTty) {
    return {
      onRunStart: (p) => p.index === 0 && stream.write(`running ${p.total} runs, about ${formatDuration(p.remainingMs)}\n`),
      onRunEnd: (p, run) => stream.write(`${describe(p)}: ${headline(run)}\n`),
    };
  }
  return {
    onRunStart(progress) {
      const startedNs = process.hrtime.bigint();
      clearInterval(ticker);
      const draw = () => {
        const runMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
        stream.write(`\r\x1b[2K${describe(progress)}  elapsed ${formatDuration(progress.elapsedMs + runMs)}  remaining ~${formatDuration(Math.max(0, progress.remainingMs - runMs))}`);
      };
      draw();
      ticker = setInterval(draw, 250);
      ticker.unref();
    },
    onRunEnd(progress, run) {
      clearInterval(ticker);
      stream.write(`\r\x1b[2K${describe(progress)}: ${headline(run)}\n`);
    },
  };
}
