/**
 * `node dist/bench/wire/verify-wire.js`: runs each sample exchange under a packet capture (hand-made
 * TCP, HTTP and WS exchanges, then the harness's real SSE and WS servers: bounded streams at 16 B and
 * 1 KiB, WS frames and POSTs upstream) and prints, per connection, the harness's socket counts beside
 * the capture's. Exit 0 when every
 * difference is zero and every known answer holds, 1 when one does not, 2 when the capture tools
 * are missing (with the command that installs them), 70 on any other failure.
 */
import { EXIT } from '../../cli/exit-codes.js';
import { PhaseError } from '../phase-error.js';
import { verifySampleExchange, type SampleVerdict } from './sample-exchange.js';
import { hasIpv6Loopback, listSampleExchanges } from './sample-exchanges.js';
import { formatCaptureTimings, formatConnectionTable, formatKnownAnswerTable } from './wire-table.js';

async function main(): Promise<number> {
  const verdicts: SampleVerdict[] = [];
  // One capture at a time: concurrent captures would share two cores and each other's fences.
  for (const sample of listSampleExchanges()) verdicts.push(await verifySampleExchange(sample));
  const reports = verdicts.map((verdict) => ({ name: verdict.name, report: verdict.report }));
  const lines = [
    'Socket counts (harness) against TCP payload in a loopback capture (dumpcap + tshark); diff = capture - harness.',
    "Under TLS a second row compares the application bytes with the capture decrypted by tshark with the servers' key log.",
    '',
    formatConnectionTable(reports),
    '',
    formatKnownAnswerTable(verdicts),
    '',
    formatCaptureTimings(reports),
  ];
  if (!hasIpv6Loopback()) lines.push('', 'IPv6 loopback (::1) not present on this machine: tcp-ipv6 not run.');
  const failed = verdicts.filter((verdict) => !verdict.ok).map((verdict) => verdict.name);
  lines.push(
    '',
    failed.length === 0 ? 'wire check: every count matches the capture' : `wire check FAILED: ${failed.join(', ')}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return failed.length === 0 ? EXIT.ok : EXIT.correctness;
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => {
    const isConfig = error instanceof PhaseError && error.category === 'config';
    const category = error instanceof PhaseError ? error.category : 'internal';
    process.stderr.write(`verify-wire: [${category}] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isConfig ? EXIT.usage : EXIT.internal;
  },
);
