/**
 * The wire envelope: the only thing servers and clients share.
 *
 * Every message carries its stream id, sequence number, *scheduled* send time (process.hrtime
 * nanoseconds, the same monotonic clock in every process on one Linux host), how late the server
 * actually wrote it, payload kind and a CRC-32 of the payload, so a client can detect loss,
 * duplication, reordering and corruption and compute one-way latency without clock sync — both as
 * wrk2 does: from the scheduled time (corrected for coordinated omission, the headline) and from the
 * actual write (service latency: what the transport and the client add).
 *
 * The write time travels as its lag behind the schedule (writtenNs − scheduledNs) rather than as a
 * second absolute clock reading: the same information in 1–7 digits instead of 16 on every message.
 *
 * Two encodings carry the same fields:
 * - text: `<streamId> <seq> <scheduledNs> <writeLagNs> <kind> <crc32 hex> <payload>`, one line, used
 *   as the SSE `data:` field, the WS text frame and the TCP floor's frame. Binary payloads travel as
 *   base64.
 * - binary: a fixed 32-byte header followed by the raw payload, used for WS binary frames.
 */
import { crc32 } from 'node:zlib';

export type PayloadKind = 'text' | 'json' | 'binary';
export const PAYLOAD_KINDS: readonly PayloadKind[] = ['text', 'json', 'binary'];

const KIND_CODE: Record<PayloadKind, string> = { text: 't', json: 'j', binary: 'b' };
const KIND_BY_CODE: Record<string, PayloadKind> = { t: 'text', j: 'json', b: 'binary' };
const KIND_BYTE: Record<PayloadKind, number> = { text: 1, json: 2, binary: 3 };
const KIND_BY_BYTE: Record<number, PayloadKind> = { 1: 'text', 2: 'json', 3: 'binary' };

export const BINARY_HEADER_BYTES = 32;
const BINARY_VERSION = 2;
/** The binary header holds the write lag in a u32: a lag past ~4.3 s saturates (the stream is broken by then anyway). */
const MAX_BINARY_LAG_NS = 0xffff_ffff;

/** A message as the publisher produces it. `payload` is a string for text/json, bytes for binary. */
export interface Envelope {
  streamId: number;
  seq: number;
  scheduledNs: bigint;
  kind: PayloadKind;
  payload: string | Buffer;
  /** CRC-32 of the payload bytes (UTF-8 for strings, raw bytes for binary, never of base64). */
  checksum: number;
}

/**
 * A decoded message; `checksumOk` is computed by the decoder from the bytes it received.
 * `scheduledNs` is a number, not a bigint: exact for 104 days of uptime and within nanoseconds
 * after, and parsing a BigInt per message costs the receiver more than everything else it does.
 */
export interface DecodedEnvelope {
  streamId: number;
  seq: number;
  scheduledNs: number;
  /** When the server wrote it: scheduledNs plus the write lag it sent. */
  writtenNs: number;
  kind: PayloadKind;
  payload: string | Buffer;
  checksumOk: boolean;
}

export function checksumOf(payload: string | Buffer): number {
  return crc32(payload) >>> 0;
}

/**
 * How late a message leaves: `writtenNs` is when the server hands it to the socket (for a batch, the
 * moment the batch goes to its first connection); absent, the message counts as written on schedule.
 * Never negative: a closed loop stamps its messages with their production time, a moment before.
 */
function writeLagNs(env: Envelope, writtenNs: bigint): bigint {
  const lag = writtenNs - env.scheduledNs;
  return lag > 0n ? lag : 0n;
}

/** Encodes the one-line text form. Binary payloads are base64 so the line stays text. */
export function encodeText(env: Envelope, writtenNs: bigint = env.scheduledNs): string {
  const body = typeof env.payload === 'string' ? env.payload : env.payload.toString('base64');
  return `${env.streamId} ${env.seq} ${env.scheduledNs} ${writeLagNs(env, writtenNs)} ${KIND_CODE[env.kind]} ${env.checksum.toString(16)} ${body}`;
}

/** Encodes the binary form: the header is fixed-size so a decoder needs no scanning. */
export function encodeBinary(env: Envelope, writtenNs: bigint = env.scheduledNs): Buffer {
  const payload = typeof env.payload === 'string' ? Buffer.from(env.payload) : env.payload;
  const out = Buffer.allocUnsafe(BINARY_HEADER_BYTES + payload.length);
  out.writeUInt8(BINARY_VERSION, 0);
  out.writeUInt8(KIND_BYTE[env.kind], 1);
  out.writeUInt16LE(0, 2);
  out.writeUInt32LE(env.streamId, 4);
  out.writeDoubleLE(env.seq, 8); // exact for integers below 2^53
  out.writeBigUInt64LE(env.scheduledNs, 16);
  out.writeUInt32LE(env.checksum, 24);
  const lag = writeLagNs(env, writtenNs);
  out.writeUInt32LE(lag > BigInt(MAX_BINARY_LAG_NS) ? MAX_BINARY_LAG_NS : Number(lag), 28);
  payload.copy(out, BINARY_HEADER_BYTES);
  return out;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

/**
 * Parses the decimal digits of line[from, to) without allocating a substring: the receiver's hot
 * path parses four numbers per message, and slicing them cost more than the rest of the decode.
 * Returns NaN on any non-digit.
 */
function parseDecimal(line: string, from: number, to: number): number {
  if (to <= from) return NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

function nextSpace(line: string, from: number): number {
  const at = line.indexOf(' ', from);
  if (at < 0) throw new EnvelopeError(`malformed envelope: expected 7 fields in ${JSON.stringify(line.slice(0, 60))}`);
  return at;
}

/** Decodes the text form; throws EnvelopeError when the line is not an envelope at all. */
export function decodeText(line: string): DecodedEnvelope {
  const a = nextSpace(line, 0);
  const b = nextSpace(line, a + 1);
  const c = nextSpace(line, b + 1);
  const d = nextSpace(line, c + 1);
  const e = nextSpace(line, d + 1);
  const f = nextSpace(line, e + 1);
  const kind = e === d + 2 ? KIND_BY_CODE[line[d + 1]!] : undefined;
  if (kind === undefined)
    throw new EnvelopeError(`malformed envelope: unknown kind ${JSON.stringify(line.slice(d + 1, e))}`);
  const streamId = parseDecimal(line, 0, a);
  const seq = parseDecimal(line, a + 1, b);
  const scheduledNs = parseDecimal(line, b + 1, c);
  const lagNs = parseDecimal(line, c + 1, d);
  if (Number.isNaN(streamId) || Number.isNaN(seq) || Number.isNaN(scheduledNs) || Number.isNaN(lagNs)) {
    throw new EnvelopeError('malformed envelope: stream id, sequence, time and write lag must be decimal integers');
  }
  const expected = parseInt(line.slice(e + 1, f), 16);
  const body = line.slice(f + 1);
  const payload = kind === 'binary' ? Buffer.from(body, 'base64') : body;
  return {
    streamId,
    seq,
    scheduledNs,
    writtenNs: scheduledNs + lagNs,
    kind,
    payload,
    checksumOk: checksumOf(payload) === expected,
  };
}

/** Decodes the binary form; throws EnvelopeError on a short or unknown header. */
export function decodeBinary(frame: Buffer): DecodedEnvelope {
  if (frame.length < BINARY_HEADER_BYTES)
    throw new EnvelopeError(`malformed binary envelope: ${frame.length} bytes, header needs ${BINARY_HEADER_BYTES}`);
  if (frame.readUInt8(0) !== BINARY_VERSION)
    throw new EnvelopeError(`malformed binary envelope: version ${frame.readUInt8(0)}`);
  const kind = KIND_BY_BYTE[frame.readUInt8(1)];
  if (kind === undefined) throw new EnvelopeError(`malformed binary envelope: kind byte ${frame.readUInt8(1)}`);
  const payload = frame.subarray(BINARY_HEADER_BYTES);
  const scheduledNs = Number(frame.readBigUInt64LE(16));
  return {
    streamId: frame.readUInt32LE(4),
    seq: frame.readDoubleLE(8),
    scheduledNs,
    writtenNs: scheduledNs + frame.readUInt32LE(28),
    kind,
    payload: kind === 'binary' ? payload : payload.toString(),
    checksumOk: checksumOf(payload) === frame.readUInt32LE(24),
  };
}

/**
 * End-of-stream marker for bounded streams (the seed's `code: -200`). On SSE it is its own event
 * type; on WS and TCP it is a text frame that cannot be mistaken for an envelope (which starts with
 * a digit).
 */
export const END_EVENT = 'end';
export function encodeEndText(lastSeq: number): string {
  return `!end ${lastSeq}`;
}
export function decodeEndText(text: string): number | undefined {
  return text.startsWith('!end ') ? Number(text.slice(5)) : undefined;
}
