/**
 * The wire check as text: per connection, the harness's socket count beside the capture's, both
 * directions, and the difference; then the known answers. Returns strings; the CLI prints them.
 */
import { renderTable } from '../console-format.js';
import type { SampleVerdict } from './sample-exchange.js';
import type { ConnectionBytes } from './connection-bytes.js';
import type { ConnectionCheck, VerifyReport } from './verify-against-capture.js';

/** One row per connection of every report; `ok` only when both differences are zero. */
export function formatConnectionTable(reports: readonly { name: string; report: VerifyReport }[]): string {
  const header = [
    'exchange',
    'connection',
    'client port',
    'up harness',
    'up capture',
    'up diff',
    'down harness',
    'down capture',
    'down diff',
    'retrans',
    'verdict',
  ];
  const rows = reports.flatMap(({ name, report }) => [
    ...report.checks.flatMap((check) => [formatCheckRow(name, check), ...formatApplicationRow(name, check)]),
    ...report.unclaimedConnections.map((connection) => formatUnclaimedRow(name, connection)),
  ]);
  return renderTable(header, rows);
}

function formatCheckRow(name: string, check: ConnectionCheck): string[] {
  const up = [check.harnessBytesUp, check.captureBytesUp].map(String);
  const down = [check.harnessBytesDown, check.captureBytesDown].map(String);
  return [
    name,
    check.label,
    String(check.clientPort),
    ...up,
    signed(check.diffBytesUp),
    ...down,
    signed(check.diffBytesDown),
    String(check.retransmittedBytes),
    verdictOf(check),
  ];
}

/** Under TLS, a second row: the application bytes against the capture decrypted with the key log. */
function formatApplicationRow(name: string, check: ConnectionCheck): string[][] {
  const { app } = check;
  if (app === undefined) return [];
  const ok = app.diffBytesUp === 0 && app.diffBytesDown === 0;
  return [
    [
      name,
      `  inside TLS (decrypted)`,
      String(check.clientPort),
      String(app.harnessBytesUp),
      String(app.captureBytesUp),
      signed(app.diffBytesUp),
      String(app.harnessBytesDown),
      String(app.captureBytesDown),
      signed(app.diffBytesDown),
      '-',
      ok ? 'ok' : 'MISMATCH',
    ],
  ];
}

function formatUnclaimedRow(name: string, connection: ConnectionBytes): string[] {
  return [
    name,
    '(not counted by the harness)',
    String(connection.clientPort),
    '-',
    String(connection.bytesToServer),
    '-',
    '-',
    String(connection.bytesFromServer),
    '-',
    '-',
    'UNCLAIMED',
  ];
}

/** One row per known answer of every sample. */
export function formatKnownAnswerTable(verdicts: readonly SampleVerdict[]): string {
  const header = ['exchange', 'known answer', 'expected B', 'measured B', 'verdict'];
  const rows = verdicts.flatMap((verdict) =>
    verdict.knownAnswers.map((answer) => [
      verdict.name,
      answer.name,
      String(answer.expectedBytes),
      String(answer.measuredBytes),
      answer.expectedBytes === answer.measuredBytes ? 'ok' : 'MISMATCH',
    ]),
  );
  return renderTable(header, rows);
}

/** How long the capture machinery took, so a slow run can be told from a hung one. */
export function formatCaptureTimings(reports: readonly { name: string; report: VerifyReport }[]): string {
  return reports
    .map(
      ({ name, report }) =>
        `${name}: capture start ${Math.round(report.captureStartMs)} ms, stop ${Math.round(report.captureStopMs)} ms, read ${Math.round(report.captureReadMs)} ms, dropped packets ${report.droppedPackets}`,
    )
    .join('\n');
}

function verdictOf(check: ConnectionCheck): string {
  if (check.capturedStreams === 0) return 'NOT CAPTURED';
  if (check.capturedStreams > 1) return `AMBIGUOUS (${check.capturedStreams} streams)`;
  return check.diffBytesUp === 0 && check.diffBytesDown === 0 ? 'ok' : 'DIFFERS';
}

function signed(diffBytes: number): string {
  return diffBytes > 0 ? `+${diffBytes}` : String(diffBytes);
}
