/**
 * The head of an HTTP/1.1 message as it arrived on the socket: its size in bytes and its header
 * fields, read from the raw bytes rather than from a parser's reconstruction (RFC 9112 §2.1:
 * `start-line CRLF *( field-line CRLF ) CRLF`).
 */
import { PhaseError } from '../phase-error.js';

const HEAD_END = Buffer.from('\r\n\r\n');

/** A parsed head: its bytes on the wire and its fields, names lower-cased. */
export interface HttpHead {
  headBytes: number;
  startLine: string;
  fields: Map<string, string>;
}

/** Reads the head at the start of `bytes`; throws when the blank line that ends it never came. */
export function readHttpHead(bytes: Buffer): HttpHead {
  const end = bytes.indexOf(HEAD_END);
  if (end < 0) throw new PhaseError('protocol:http-head', `no end of HTTP head in the first ${bytes.length} bytes`);
  const [startLine = '', ...lines] = bytes.toString('latin1', 0, end).split('\r\n');
  const fields = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headBytes: end + HEAD_END.length, startLine, fields };
}
