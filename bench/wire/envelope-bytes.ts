/**
 * Looking inside a received envelope (servers/envelope.ts) without decoding it: how many of its
 * bytes are the harness's own fields (stream id, sequence, scheduled time, write lag, kind, checksum) and how
 * many carry the payload, and, for base64 payloads, how many bytes the payload was before encoding.
 */
import { BINARY_HEADER_BYTES } from '../../servers/envelope.js';

const SPACE = 0x20;
const TEXT_ENVELOPE_FIELDS = 6;
const KIND_FIELD = 4;
const BINARY_KIND_CODE = 'b';

/** The split of one text envelope lying at [start, end) of `bytes`. */
export interface TextEnvelopeBytes {
  /** The six fields and the space after each. */
  headerBytes: number;
  /** The payload field: raw text, or base64 for binary payloads. */
  payloadOnWireBytes: number;
  /** The payload's own size: the base64 field decoded, or the text as is. */
  payloadBytes: number;
}

/** Splits the text form `<streamId> <seq> <scheduledNs> <writeLagNs> <kind> <crc32hex> <payload>`. */
export function measureTextEnvelope(bytes: Buffer, start: number, end: number): TextEnvelopeBytes {
  let at = start;
  let kindStart = start;
  for (let field = 0; field < TEXT_ENVELOPE_FIELDS; field++) {
    const space = bytes.indexOf(SPACE, at);
    if (space < 0 || space >= end) return { headerBytes: end - start, payloadOnWireBytes: 0, payloadBytes: 0 }; // not an envelope: all header
    if (field === KIND_FIELD) kindStart = at;
    at = space + 1;
  }
  const payloadOnWireBytes = end - at;
  const isBase64 = bytes.toString('latin1', kindStart, kindStart + 1) === BINARY_KIND_CODE;
  return {
    headerBytes: at - start,
    payloadOnWireBytes,
    payloadBytes: isBase64 ? base64DecodedBytes(bytes, at, end) : payloadOnWireBytes,
  };
}

/** Bytes a padded base64 field at [start, end) decodes to: 3 per 4 characters, less the `=` padding. */
export function base64DecodedBytes(bytes: Buffer, start: number, end: number): number {
  const characters = end - start;
  let padding = 0;
  while (padding < 2 && end - padding > start && bytes[end - padding - 1] === 0x3d) padding++;
  return (characters / 4) * 3 - padding;
}

/** The binary form (WS binary frames) of `envelopeBytes`: a fixed header, then the payload as is. */
export function measureBinaryEnvelope(envelopeBytes: number): TextEnvelopeBytes {
  const headerBytes = Math.min(BINARY_HEADER_BYTES, envelopeBytes);
  return { headerBytes, payloadOnWireBytes: envelopeBytes - headerBytes, payloadBytes: envelopeBytes - headerBytes };
}
