/**
 * The chunked transfer coding of an HTTP/1.1 body as it arrived (RFC 9112 §7.1):
 * `*chunk last-chunk trailer-section CRLF`, each `chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF`.
 * Parsing what was received, instead of assuming one chunk per write, is what lets the wire
 * scenarios state the framing an SSE stream really paid.
 */
import { PhaseError } from '../phase-error.js';

const CRLF = Buffer.from('\r\n');
const EMPTY_LINE = Buffer.from('\r\n\r\n');

/** One chunk: where its data lies in the body, and the bytes of framing around it. */
export interface HttpChunk {
  /** Size line (hex digits, extensions, CRLF) plus the CRLF after the data. */
  framingBytes: number;
  dataStart: number;
  dataEnd: number;
}

/** A whole chunked body, split into chunks and the terminator. */
export interface ChunkedBody {
  chunks: HttpChunk[];
  /** `0\r\n`, any trailer fields, and the final CRLF: 5 bytes without trailers. */
  lastChunkBytes: number;
  /** Bytes after the last chunk (a server must send none). */
  trailingBytes: number;
}

/** Parses a complete chunked body; throws `protocol:http-chunked` on a malformed or cut body. */
export function parseChunkedBody(body: Buffer): ChunkedBody {
  const chunks: HttpChunk[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, at);
    if (lineEnd < 0) throw malformed(`chunk size line at byte ${at} has no CRLF`);
    const dataBytes = parseChunkSize(body.toString('latin1', at, lineEnd), at);
    if (dataBytes === 0) {
      const lastChunkBytes = measureLastChunk(body, at, lineEnd);
      return { chunks, lastChunkBytes, trailingBytes: body.length - at - lastChunkBytes };
    }
    const dataStart = lineEnd + CRLF.length;
    const dataEnd = dataStart + dataBytes;
    if (body.length < dataEnd + CRLF.length)
      throw malformed(`chunk at byte ${at} is cut: ${dataBytes} bytes announced, ${body.length - dataStart} present`);
    if (!body.subarray(dataEnd, dataEnd + CRLF.length).equals(CRLF))
      throw malformed(`chunk at byte ${at} does not end with CRLF`);
    chunks.push({ framingBytes: dataStart - at + CRLF.length, dataStart, dataEnd });
    at = dataEnd + CRLF.length;
  }
}

/** Hex digits before any `;extension` (RFC 9112 §7.1.1). */
function parseChunkSize(line: string, at: number): number {
  const hex = line.split(';', 1)[0]!.trim();
  if (!/^[0-9a-fA-F]+$/.test(hex))
    throw malformed(`chunk size ${JSON.stringify(line)} at byte ${at} is not hexadecimal`);
  return parseInt(hex, 16);
}

/** `0\r\n` then either CRLF at once (no trailers) or trailer lines ending in an empty line. */
function measureLastChunk(body: Buffer, at: number, lineEnd: number): number {
  const afterSizeLine = lineEnd + CRLF.length;
  if (body.subarray(afterSizeLine, afterSizeLine + CRLF.length).equals(CRLF)) return afterSizeLine + CRLF.length - at;
  const trailerEnd = body.indexOf(EMPTY_LINE, afterSizeLine);
  if (trailerEnd < 0) throw malformed("the last chunk's trailer section never ends");
  return trailerEnd + EMPTY_LINE.length - at;
}

function malformed(message: string): PhaseError {
  return new PhaseError('protocol:http-chunked', message);
}
