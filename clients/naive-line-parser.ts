/**
 * A deliberately naive SSE reader, for the framing experiment of claim SSE-8 ("streaming can lose
 * messages or run them together"). Never used to measure a transport: it exists to show which
 * reading mistakes lose or damage messages, next to a spec parser fed the very same chunks.
 *
 * What it models, from the article's Python client:
 *
 *     for line in response.iter_lines():
 *         if line and line.strip():
 *             content = json.loads(line[5:])
 *
 * - Lines are split on CRLF, CR or LF (what bytes.splitlines() does); empty and blank lines are
 *   skipped, so a blank line never dispatches anything and there is no notion of an event.
 * - Every line starting with "data:" is one message: `line.slice(5)` with leading whitespace
 *   dropped (json.loads ignores it). `id:`, `event:`, `retry:` and comment lines are ignored; the
 *   original would try json.loads on them too and fail, which this model spares it.
 * - A multi-line `data:` event therefore becomes several messages, each a fragment.
 *
 * Two framings of the byte stream into lines:
 * - `per-chunk` (default): each chunk is decoded with toString('utf8') on its own and split on its
 *   own, as a hand-written `for chunk in stream: for line in chunk.decode().splitlines()` does.
 *   A line cut by a chunk boundary becomes two broken lines, and a UTF-8 character cut by one
 *   becomes U+FFFD replacement characters.
 * - `iter-lines`: what requests' iter_lines() really does: bytes are split, the unfinished last
 *   line is carried into the next chunk, and only whole lines are decoded. Its one quirk is kept
 *   (a chunk ending in CR closes the line; the LF opening the next chunk yields an empty line,
 *   harmless here because empty lines are skipped).
 */

export type NaiveFraming = 'per-chunk' | 'iter-lines';

export interface NaiveLineParserOptions {
  /** Called with each message: the text after "data:" of one line. */
  onMessage(data: string): void;
  framing?: NaiveFraming;
}

export interface NaiveLineParser {
  /** Feeds the next chunk exactly as it came off the socket. */
  feed(chunk: Uint8Array): void;
  /** Flushes a carried partial line at end of stream (iter-lines only; per-chunk carries none). */
  end(): void;
}

const DATA_PREFIX = 'data:';
const LF = 0x0a;
const CR = 0x0d;

/** Splits bytes on CRLF, CR or LF like Python's bytes.splitlines(): no empty last line. */
export function splitByteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== LF && byte !== CR) continue;
    lines.push(bytes.subarray(start, i));
    if (byte === CR && bytes[i + 1] === LF) i += 1;
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Applies the Python client's rule to one line. */
function readLine(line: string, onMessage: (data: string) => void): void {
  if (line.trim() === '' || !line.startsWith(DATA_PREFIX)) return;
  onMessage(line.slice(DATA_PREFIX.length).trimStart());
}

function createPerChunkParser(onMessage: (data: string) => void): NaiveLineParser {
  return {
    feed(chunk) {
      // Decoding the chunk alone is the bug being modelled: no state survives between chunks.
      const text = decodeUtf8(chunk);
      for (const line of text.split(/\r\n|\r|\n/)) readLine(line, onMessage);
    },
    end() {},
  };
}

function createIterLinesParser(onMessage: (data: string) => void): NaiveLineParser {
  /** The unfinished last line of the previous chunk, as requests keeps it in `pending`. */
  let pending: Uint8Array | undefined;
  return {
    feed(chunk) {
      const bytes = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      const lines = splitByteLines(bytes);
      const last = lines[lines.length - 1];
      // requests' own test: the last line is unfinished when it ends with the chunk's last byte.
      const unfinished = last !== undefined && last.length > 0 && last[last.length - 1] === bytes[bytes.length - 1];
      pending = unfinished ? lines.pop() : undefined;
      for (const line of lines) readLine(decodeUtf8(line), onMessage);
    },
    end() {
      if (pending !== undefined) readLine(decodeUtf8(pending), onMessage);
      pending = undefined;
    },
  };
}

/** Creates a naive line parser with the given framing (default `per-chunk`). */
export function createNaiveLineParser(options: NaiveLineParserOptions): NaiveLineParser {
  const framing = options.framing ?? 'per-chunk';
  return framing === 'per-chunk' ? createPerChunkParser(options.onMessage) : createIterLinesParser(options.onMessage);
}
