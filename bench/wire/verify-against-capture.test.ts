import { describe, expect, it } from 'vitest';
import type { ConnectionBytes } from './connection-bytes.js';
import { compareWithCapture, type HarnessCounts } from './verify-against-capture.js';

function captured(
  stream: number,
  clientPort: number,
  bytesToServer: number,
  bytesFromServer: number,
  retransmittedBytes = 0,
): ConnectionBytes {
  return {
    stream,
    clientAddress: '127.0.0.1',
    clientPort,
    serverAddress: '127.0.0.1',
    serverPort: 8080,
    bytesToServer,
    bytesFromServer,
    retransmittedBytesToServer: retransmittedBytes,
    retransmittedBytesFromServer: 0,
    segmentCount: 4,
  };
}

const COUNT: HarnessCounts = { label: 'a', clientPort: 41000, bytesUp: 100, bytesDown: 2000 };

describe('compareWithCapture', () => {
  it('is ok when every connection matches exactly', () => {
    const result = compareWithCapture([COUNT], { connections: [captured(0, 41000, 100, 2000)], droppedPackets: 0 });
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ diffBytesUp: 0, diffBytesDown: 0, capturedStreams: 1 });
  });

  it('reports capture minus harness in each direction', () => {
    const result = compareWithCapture([COUNT], { connections: [captured(0, 41000, 103, 1990)], droppedPackets: 0 });
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ diffBytesUp: 3, diffBytesDown: -10 });
  });

  it('does not compare retransmitted bytes, but reports them', () => {
    const result = compareWithCapture([COUNT], {
      connections: [captured(0, 41000, 100, 2000, 100)],
      droppedPackets: 0,
    });
    expect(result.ok).toBe(true);
    expect(result.checks[0]?.retransmittedBytes).toBe(100);
  });

  it('fails a connection the capture never saw', () => {
    const result = compareWithCapture([COUNT], { connections: [], droppedPackets: 0 });
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ capturedStreams: 0, captureBytesUp: 0, diffBytesUp: -100 });
  });

  it('fails when two captured connections share the client port, even if the sums match', () => {
    const result = compareWithCapture([COUNT], {
      connections: [captured(0, 41000, 50, 1000), captured(1, 41000, 50, 1000)],
      droppedPackets: 0,
    });
    expect(result.checks[0]).toMatchObject({ capturedStreams: 2, diffBytesUp: 0, diffBytesDown: 0 });
    expect(result.ok).toBe(false);
  });

  it('fails on a captured connection no harness count claims', () => {
    const result = compareWithCapture([COUNT], {
      connections: [captured(0, 41000, 100, 2000), captured(1, 42000, 1, 1)],
      droppedPackets: 0,
    });
    expect(result.unclaimedConnections.map((connection) => connection.clientPort)).toEqual([42000]);
    expect(result.ok).toBe(false);
  });

  it('fails when the kernel dropped packets', () => {
    expect(compareWithCapture([COUNT], { connections: [captured(0, 41000, 100, 2000)], droppedPackets: 1 }).ok).toBe(
      false,
    );
  });
});
