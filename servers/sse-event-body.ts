/**
 * Where an SSE stream's text goes: straight into the response, or through gzip when the server is
 * configured for it and the request accepts it (the compression scenario). Compressed, every write
 * is followed by a sync flush, so an event leaves the server as soon as it is written instead of
 * waiting in the compressor for more input (what compression middleware does on `res.flush()`).
 */
import type { EventEmitter } from 'node:events';
import type http from 'node:http';
import { constants, createGzip } from 'node:zlib';
import type { ServerConfig } from './server-config.js';

/** The writable end of one stream's body. */
export interface EventBody {
  write(text: string): void;
  /** Writes the last text and ends the response. */
  end(text: string): void;
  /** Bytes queued and not yet handed to the socket, compressor included. */
  queuedBytes(): number;
  /** Emits 'drain' once the queue has room again (the compressor's when compressing). */
  readonly drains: EventEmitter;
  /** Response headers the body needs (Content-Encoding, Vary), added to the stream's head. */
  readonly headers: http.OutgoingHttpHeaders;
}

/** The response itself: one write is one HTTP chunk. */
export function openPlainBody(res: http.ServerResponse): EventBody {
  return {
    write: (text) => void res.write(text),
    end: (text) => void res.end(text),
    queuedBytes: () => res.writableLength,
    drains: res,
    headers: {},
  };
}

/** True when the request lists gzip with a non-zero quality (RFC 9110 §12.5.3). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  return acceptEncoding.split(',').some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(';');
    const quality = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return (coding === 'gzip' || coding === 'x-gzip') && (quality === undefined || Number(quality.slice(2)) > 0);
  });
}

/** A gzip stream piped into the response, flushed (Z_SYNC_FLUSH) after every write. */
export function openGzipBody(res: http.ServerResponse): EventBody {
  const gzip = createGzip();
  gzip.pipe(res);
  // A compressor error would corrupt the stream for good: end the connection rather than send garbage.
  gzip.on('error', () => res.destroy());
  return {
    write(text) {
      gzip.write(text);
      gzip.flush(constants.Z_SYNC_FLUSH);
    },
    end: (text) => void gzip.end(text),
    queuedBytes: () => gzip.writableLength + res.writableLength,
    drains: gzip,
    headers: { 'content-encoding': 'gzip', vary: 'accept-encoding' },
  };
}

/** The body a stream request gets under this configuration. */
export function openEventBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  config: Pick<ServerConfig, 'sseContentEncoding'>,
): EventBody {
  const compress = config.sseContentEncoding === 'gzip' && acceptsGzip(req.headers['accept-encoding']);
  return compress ? openGzipBody(res) : openPlainBody(res);
}
