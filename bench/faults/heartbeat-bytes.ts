/**
 * What one heartbeat costs on the socket, both directions, from the framing rules (the tests check
 * these against raw socket bytes): the clients count heartbeats, and count × size is the cost.
 * TCP/IP headers are not included, as everywhere in the harness; note that a WS heartbeat is two
 * segments (ping down, pong up) where an SSE heartbeat is one.
 */
import { SSE_HEARTBEAT } from '../../servers/sse-encoding.js';
import type { TransportName } from '../../servers/server-config.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

/** RFC 6455: a frame with an empty payload is a 2-byte header, plus a 4-byte mask from a client. */
const WS_EMPTY_FRAME_BYTES = 2;
const WS_MASK_BYTES = 4;

/** An SSE comment heartbeat is one res.write, so one HTTP/1.1 chunk: size line, data, CRLF. */
export function sseHeartbeatBytes(): number {
  const dataBytes = Buffer.byteLength(SSE_HEARTBEAT);
  return Buffer.byteLength(`${dataBytes.toString(16)}\r\n`) + dataBytes + 2;
}

/** A WS heartbeat is the server's empty ping and the client's empty, masked pong. */
export function wsHeartbeatBytes(): number {
  return WS_EMPTY_FRAME_BYTES + WS_EMPTY_FRAME_BYTES + WS_MASK_BYTES;
}

/** Socket bytes of one heartbeat of `transport`, both directions. */
export function heartbeatBytes(transport: TransportName): number {
  if (transport === plainTransportOf(SSE_FAMILY)) return sseHeartbeatBytes();
  if (transport === plainTransportOf(WS_FAMILY)) return wsHeartbeatBytes();
  throw new Error(`no heartbeat defined for ${transport}`);
}

/** Heartbeat bytes per connection per minute, from a run's heartbeat count. */
export function heartbeatBytesPerMinute(
  transport: TransportName,
  heartbeats: number,
  connections: number,
  runMs: number,
): number {
  if (connections === 0 || runMs <= 0) return 0;
  return (heartbeats * heartbeatBytes(transport) * 60_000) / (connections * runMs);
}
