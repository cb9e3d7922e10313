/**
 * Progress while running, as a run listener. On a terminal: one line redrawn in place (current cell,
 * repeat, elapsed and remaining time). Elsewhere (CI, a pipe): one plain line per finished run.
 * Always on stderr, so stdout stays clean for tables or JSON.
 */
import { formatDuration } from './console-format.js';
import type { RunListener, RunProgress } from './run-plan.js';
import type { RunResult } from './results.js';
import { describeRunHeadline } from './run-headline.js';

function describe(progress: RunProgress): string {
  return `[${progress.index + 1}/${progress.total}] ${progress.cell.id} repeat ${progress.repeat + 1}`;
}

/** The finished run's line: where it sits in the plan, then its family's key figures. */
function describeFinished(progress: RunProgress, run: RunResult): string {
  return `${describe(progress)}: ${describeRunHeadline(run, progress.cell.scenario.family)}`;
}

export function createProgressListener(stream: NodeJS.WriteStream, isTty: boolean): RunListener {
  let ticker: NodeJS.Timeout | undefined;
  if (!isTty) {
    return {
      onRunStart: (p) =>
        p.index === 0 && stream.write(`running ${p.total} runs, about ${formatDuration(p.remainingMs)}\n`),
      onRunEnd: (p, run) => stream.write(`${describeFinished(p, run)}\n`),
    };
  }
  return {
    onRunStart(progress) {
      const startedNs = process.hrtime.bigint();
      clearInterval(ticker);
      const draw = () => {
        const runMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
        stream.write(
          `\r\x1b[2K${describe(progress)}  elapsed ${formatDuration(progress.elapsedMs + runMs)}  remaining ~${formatDuration(Math.max(0, progress.remainingMs - runMs))}`,
        );
      };
      draw();
      ticker = setInterval(draw, 250);
      ticker.unref();
    },
    onRunEnd(progress, run) {
      clearInterval(ticker);
      stream.write(`\r\x1b[2K${describeFinished(progress, run)}\n`);
    },
  };
}
