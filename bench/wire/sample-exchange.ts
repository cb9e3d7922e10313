/**
 * A sample exchange: a loopback server and client that move a known pattern of bytes, so the
 * method (socket counters checked against a capture) is proven on answers worked out by hand
 * before it is trusted on the real SSE and WS servers.
 */
import { withDeadline } from '../phase-error.js';
import { verifyAgainstCapture, type HarnessCounts, type VerifyReport } from './verify-against-capture.js';

/** A byte count the specification (or the exchange's own design) fixes in advance. */
export interface KnownAnswer {
  name: string;
  expectedBytes: number;
  measuredBytes: number;
}

/** What one run of an exchange counted: per connection for the capture, plus known answers. */
export interface ExchangeOutcome {
  counts: HarnessCounts[];
  knownAnswers: KnownAnswer[];
}

/** An exchange whose servers listen and whose ports are known, ready to run once. */
export interface OpenedExchange {
  ports: number[];
  /** TLS servers' key log: the capture is decrypted with it and the application bytes compared too. */
  keyLogFile?: string;
  /** Runs the clients to completion: every connection closed, every counter final. */
  run(): Promise<ExchangeOutcome>;
  close(): Promise<void>;
}

/** A named exchange; open() starts its servers. */
export interface SampleExchange {
  name: string;
  open(): Promise<OpenedExchange>;
}

/** One sample verified under capture. */
export interface SampleVerdict {
  name: string;
  report: VerifyReport;
  knownAnswers: KnownAnswer[];
  /** The capture agrees with the sockets and every known answer holds. */
  ok: boolean;
}

/** A sample's run may not hang the CLI or a test: far above the ~0.1 s it takes. */
const EXCHANGE_DEADLINE_MS = 30_000;

/** Opens the sample, runs it under capture, closes it (always) and judges the result. */
export async function verifySampleExchange(sample: SampleExchange): Promise<SampleVerdict> {
  const opened = await sample.open();
  try {
    let knownAnswers: KnownAnswer[] = [];
    const report = await verifyAgainstCapture(
      opened.ports,
      async () => {
        const outcome = await withDeadline(opened.run(), EXCHANGE_DEADLINE_MS, `exchange-${sample.name}`);
        knownAnswers = outcome.knownAnswers;
        return outcome.counts;
      },
      opened.keyLogFile,
    );
    const ok = report.ok && knownAnswers.every((answer) => answer.measuredBytes === answer.expectedBytes);
    return { name: sample.name, report, knownAnswers, ok };
  } finally {
    await opened.close();
  }
}

/** Sums byte counts; named so known answers read as sentences. */
export function sumBytes(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}
