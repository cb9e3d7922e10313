import { describe, expect, it } from 'vitest';
import type { VerifyReport } from './verify-against-capture.js';
import { formatConnectionTable, formatKnownAnswerTable } from './wire-table.js';

const REPORT: VerifyReport = {
  checks: [
    {
      label: 'exact',
      clientPort: 41000,
      capturedStreams: 1,
      harnessBytesUp: 100,
      captureBytesUp: 100,
      diffBytesUp: 0,
      harnessBytesDown: 2000,
      captureBytesDown: 2000,
      diffBytesDown: 0,
      retransmittedBytes: 0,
    },
    {
      label: 'off',
      clientPort: 41001,
      capturedStreams: 1,
      harnessBytesUp: 100,
      captureBytesUp: 103,
      diffBytesUp: 3,
      harnessBytesDown: 2000,
      captureBytesDown: 2000,
      diffBytesDown: 0,
      retransmittedBytes: 0,
    },
    {
      label: 'missing',
      clientPort: 41002,
      capturedStreams: 0,
      harnessBytesUp: 1,
      captureBytesUp: 0,
      diffBytesUp: -1,
      harnessBytesDown: 1,
      captureBytesDown: 0,
      diffBytesDown: -1,
      retransmittedBytes: 0,
    },
  ],
  unclaimedConnections: [
    {
      stream: 9,
      clientAddress: '127.0.0.1',
      clientPort: 42000,
      serverAddress: '127.0.0.1',
      serverPort: 8080,
      bytesToServer: 7,
      bytesFromServer: 8,
      retransmittedBytesToServer: 0,
      retransmittedBytesFromServer: 0,
      segmentCount: 3,
    },
  ],
  droppedPackets: 0,
  ok: false,
  captureStartMs: 700,
  captureStopMs: 500,
  captureReadMs: 250,
};

function rowOf(table: string, needle: string): string {
  const row = table.split('\n').find((line) => line.includes(needle));
  if (!row) throw new Error(`no row with ${needle} in\n${table}`);
  return row;
}

describe('formatConnectionTable', () => {
  it('gives every connection a verdict and signs the differences', () => {
    const table = formatConnectionTable([{ name: 'sample', report: REPORT }]);
    expect(rowOf(table, 'exact')).toMatch(/\bok$/);
    expect(rowOf(table, '41001')).toMatch(/\+3 .* DIFFERS$/);
    expect(rowOf(table, 'missing')).toMatch(/NOT CAPTURED$/);
    expect(rowOf(table, '42000')).toMatch(/UNCLAIMED$/);
  });
});

describe('formatKnownAnswerTable', () => {
  it('marks a mismatch', () => {
    const table = formatKnownAnswerTable([
      {
        name: 'ws',
        ok: false,
        report: REPORT,
        knownAnswers: [
          { name: 'right', expectedBytes: 8, measuredBytes: 8 },
          { name: 'wrong', expectedBytes: 8, measuredBytes: 9 },
        ],
      },
    ]);
    expect(rowOf(table, 'right')).toMatch(/ok$/);
    expect(rowOf(table, 'wrong')).toMatch(/MISMATCH$/);
  });
});
