/**
 * The server settings every wire measurement runs with, in one place, and the stream URL a probe
 * opens. Heartbeats are off so no comment or ping can fall inside a counted stream; writes are one
 * per message (one HTTP chunk per SSE event), the framing a server pays when it sends each event as
 * it happens; batching N events per chunk would divide the chunk framing by N.
 */
import type { PayloadKind } from '../../servers/envelope.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { formatStreamQuery } from '../../servers/stream-params.js';

/** Overrides of DEFAULT_SERVER_CONFIG for every wire cell and sample. */
export const WIRE_SERVER_CONFIG: Partial<ServerConfig> = { heartbeatMs: 0, writeMode: 'per-message' };

/**
 * The compression settings a cell ran with, for the results: `ws` defaults for permessage-deflate
 * (RFC 7692: window kept across messages both ways, 15-bit windows; zlib level 6, memLevel 8; ws
 * applies its 1,024-byte threshold only without context takeover, so every message is compressed),
 * zlib's defaults for gzip, flushed after every write.
 */
export function describeCompressionSettings(
  config: Pick<ServerConfig, 'perMessageDeflate' | 'sseContentEncoding'>,
): Record<string, unknown> {
  if (config.perMessageDeflate)
    return {
      extension: 'permessage-deflate',
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      maxWindowBits: 15,
      level: 6,
      memLevel: 8,
      threshold: 'not applied with context takeover',
    };
  if (config.sseContentEncoding === 'gzip')
    return {
      contentEncoding: 'gzip',
      level: 6,
      windowBits: 15,
      memLevel: 8,
      flush: 'Z_SYNC_FLUSH after every write (one per event)',
    };
  return {};
}

/** The stream a probe asks for. */
export interface ProbeStream {
  payloadBytes: number;
  kind: PayloadKind;
  /** Messages before the end marker; 0 for an unbounded stream (the upstream scenario's downstream). */
  count: number;
  /** 0: as fast as backpressure allows (closed loop). */
  ratePerSec: number;
}

/** `base` (a server's stream URL) with the path and the stream's query. */
export function buildStreamUrl(base: string, path: '/stream' | '/upstream', stream: ProbeStream): string {
  const url = new URL(base);
  url.pathname = path;
  url.search = formatStreamQuery({
    payloadBytes: stream.payloadBytes,
    kind: stream.kind,
    count: stream.count,
    ratePerSec: stream.ratePerSec,
  });
  return url.href;
}
