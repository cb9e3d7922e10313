import { describe, expect, it } from 'vitest';
import { findConnectionsByClientPort, summariseConnections } from './connection-bytes.js';
import type { TcpSegment } from './tcp-segments.js';

function segment(
  stream: number,
  from: [string, number],
  to: [string, number],
  payloadBytes: number,
  isRetransmission = false,
): TcpSegment {
  return {
    stream,
    srcAddress: from[0],
    srcPort: from[1],
    dstAddress: to[0],
    dstPort: to[1],
    payloadBytes,
    isRetransmission,
  };
}

const CLIENT: [string, number] = ['127.0.0.1', 41000];
const SERVER: [string, number] = ['127.0.0.1', 8080];

describe('summariseConnections', () => {
  it('sums payload per direction, pure ACKs counted as segments only', () => {
    const [connection] = summariseConnections(
      [
        segment(0, CLIENT, SERVER, 0),
        segment(0, SERVER, CLIENT, 0),
        segment(0, CLIENT, SERVER, 300),
        segment(0, CLIENT, SERVER, 700),
        segment(0, SERVER, CLIENT, 65_483),
        segment(0, SERVER, CLIENT, 4_517),
        segment(0, CLIENT, SERVER, 0),
      ],
      [8080],
    );
    expect(connection).toMatchObject({
      clientAddress: '127.0.0.1',
      clientPort: 41000,
      serverPort: 8080,
      bytesToServer: 1000,
      bytesFromServer: 70_000,
      segmentCount: 7,
    });
  });

  it('counts retransmitted bytes apart, per direction', () => {
    const [connection] = summariseConnections(
      [
        segment(0, CLIENT, SERVER, 10),
        segment(0, CLIENT, SERVER, 10, true),
        segment(0, SERVER, CLIENT, 5),
        segment(0, SERVER, CLIENT, 5, true),
      ],
      [8080],
    );
    expect(connection).toMatchObject({
      bytesToServer: 10,
      retransmittedBytesToServer: 10,
      bytesFromServer: 5,
      retransmittedBytesFromServer: 5,
    });
  });

  it('leaves out connections on ports that are not measured (the fence probes)', () => {
    const probe: [string, number] = ['127.0.0.1', 9999];
    const connections = summariseConnections(
      [segment(0, CLIENT, probe, 32), segment(1, ['127.0.0.1', 41002], SERVER, 1)],
      [8080],
    );
    expect(connections.map((connection) => connection.stream)).toEqual([1]);
  });

  it("takes the first segment's destination as the server when both ports are measured", () => {
    const [connection] = summariseConnections(
      [segment(5, ['::1', 8081], ['::1', 8080], 0), segment(5, ['::1', 8080], ['::1', 8081], 40)],
      [8080, 8081],
    );
    expect(connection).toMatchObject({
      clientPort: 8081,
      serverPort: 8080,
      serverAddress: '::1',
      bytesFromServer: 40,
      bytesToServer: 0,
    });
  });

  it('keeps connections apart by stream even when a client port is reused', () => {
    const connections = summariseConnections([segment(0, CLIENT, SERVER, 1), segment(1, CLIENT, SERVER, 2)], [8080]);
    expect(findConnectionsByClientPort(connections, 41000).map((connection) => connection.bytesToServer)).toEqual([
      1, 2,
    ]);
    expect(findConnectionsByClientPort(connections, 41001)).toEqual([]);
  });
});
