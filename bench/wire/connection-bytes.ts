/**
 * Captured TCP payload bytes summed per connection and direction: the capture's side of the
 * comparison with the sockets' own counters.
 */
import type { TcpSegment } from './tcp-segments.js';

/** One captured TCP connection to a measured server port. */
export interface ConnectionBytes {
  /** tshark's conversation index, unique within one capture file. */
  stream: number;
  clientAddress: string;
  /** The client's ephemeral port: the key a harness uses to find its connection. */
  clientPort: number;
  serverAddress: string;
  serverPort: number;
  /** Payload bytes client→server, each byte once (retransmissions excluded), as the client socket wrote them. */
  bytesToServer: number;
  /** Payload bytes server→client, each byte once. */
  bytesFromServer: number;
  /** Payload bytes tshark flagged as retransmitted, client→server; rare on loopback, never zero-cost. */
  retransmittedBytesToServer: number;
  retransmittedBytesFromServer: number;
  /** Under TLS, with the key log: the application bytes inside, decrypted by tshark. */
  decrypted?: { toServer: number; fromServer: number };
  /** Captured segments of this connection, pure ACKs included. */
  segmentCount: number;
}

/**
 * Sums segments per connection. The server end of a connection is decided by its first captured
 * segment: the end whose port is in `serverPorts`, the destination when both are (the first segment
 * is the client's SYN, since the capture starts before the connection). Segments of connections
 * that touch no server port (the capture fence's probes) are left out.
 */
export function summariseConnections(
  segments: readonly TcpSegment[],
  serverPorts: readonly number[],
): ConnectionBytes[] {
  const isServerPort = new Set(serverPorts);
  const byStream = new Map<number, ConnectionBytes>();
  for (const segment of segments) {
    const connection = byStream.get(segment.stream) ?? startConnection(segment, isServerPort);
    if (!connection) continue;
    byStream.set(segment.stream, connection);
    addSegment(connection, segment);
  }
  return [...byStream.values()].sort((a, b) => a.stream - b.stream);
}

/** The per-connection sums of one client port, or undefined when the capture saw no such connection. */
export function findConnectionsByClientPort(
  connections: readonly ConnectionBytes[],
  clientPort: number,
): ConnectionBytes[] {
  return connections.filter((connection) => connection.clientPort === clientPort);
}

function startConnection(first: TcpSegment, isServerPort: Set<number>): ConnectionBytes | undefined {
  const toServer = isServerPort.has(first.dstPort);
  if (!toServer && !isServerPort.has(first.srcPort)) return undefined;
  const [client, server] = toServer ? [source(first), destination(first)] : [destination(first), source(first)];
  return {
    stream: first.stream,
    clientAddress: client.address,
    clientPort: client.port,
    serverAddress: server.address,
    serverPort: server.port,
    bytesToServer: 0,
    bytesFromServer: 0,
    retransmittedBytesToServer: 0,
    retransmittedBytesFromServer: 0,
    segmentCount: 0,
  };
}

function addSegment(connection: ConnectionBytes, segment: TcpSegment): void {
  connection.segmentCount += 1;
  const toServer = segment.dstPort === connection.serverPort && segment.dstAddress === connection.serverAddress;
  if (toServer && segment.isRetransmission) connection.retransmittedBytesToServer += segment.payloadBytes;
  else if (toServer) connection.bytesToServer += segment.payloadBytes;
  else if (segment.isRetransmission) connection.retransmittedBytesFromServer += segment.payloadBytes;
  else connection.bytesFromServer += segment.payloadBytes;
}

function source(segment: TcpSegment): { address: string; port: number } {
  return { address: segment.srcAddress, port: segment.srcPort };
}

function destination(segment: TcpSegment): { address: string; port: number } {
  return { address: segment.dstAddress, port: segment.dstPort };
}
