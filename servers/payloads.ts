/**
 * Deterministic payloads of an exact byte size, made once per (kind, size) so the publisher's hot
 * path never generates data. A small pool rotates so consecutive messages differ (a corrupted or
 * misattributed payload then fails its checksum) without costing memory per message.
 */
import { checksumOf, type PayloadKind } from './envelope.js';

export interface Payload {
  body: string | Buffer;
  checksum: number;
}

/** At least this many payloads, so consecutive messages differ. */
const MIN_POOL_SIZE = 16;
/**
 * The pool spans at least 64 KiB, twice the 32 KiB window of deflate (gzip and permessage-deflate
 * alike), so a compressor never finds a whole earlier message to copy: random binary payloads stay
 * incompressible and text compresses as text, not as repetition (the compression scenario).
 */
const POOL_SPAN_BYTES = 64 * 1024;

function poolSizeFor(sizeBytes: number): number {
  return Math.max(MIN_POOL_SIZE, Math.ceil(POOL_SPAN_BYTES / sizeBytes));
}
/** The smallest JSON document this generator can pad to an exact size: `{"t":""}`. */
export const MIN_JSON_PAYLOAD_BYTES = 8;

/** xorshift32: reproducible across runs and machines, unlike Math.random. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const WORDS = ['stream', 'event', 'socket', 'token', 'frame', 'server', 'client', 'latency', 'byte', 'message'];

/** Lower-case words separated by spaces: text that compresses about as well as prose. */
function makeText(sizeBytes: number, random: () => number): string {
  let text = '';
  while (text.length < sizeBytes) text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  return text.slice(0, sizeBytes);
}

/** A repetitive JSON object padded to exactly `sizeBytes`, like a typical API event. */
function makeJson(sizeBytes: number, random: () => number): string {
  const head = { user: `u${Math.floor(random() * 1000)}`, type: 'update', ok: true };
  let doc = JSON.stringify({ ...head, t: '' });
  if (doc.length > sizeBytes) doc = JSON.stringify({ t: '' });
  const pad = makeText(sizeBytes - doc.length, random).replace(/ /g, '_');
  return `${doc.slice(0, -2) + pad}"}`;
}

function makeBinary(sizeBytes: number, random: () => number): Buffer {
  const bytes = Buffer.allocUnsafe(sizeBytes);
  for (let i = 0; i < sizeBytes; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Returns the pool of payloads for a kind and exact size (bytes before any base64). */
export function makePayloadPool(kind: PayloadKind, sizeBytes: number, seed = 1): Payload[] {
  if (kind === 'json' && sizeBytes < MIN_JSON_PAYLOAD_BYTES) {
    throw new RangeError(`a json payload needs at least ${MIN_JSON_PAYLOAD_BYTES} bytes, got ${sizeBytes}`);
  }
  const random = createRandom(seed * 7919 + sizeBytes);
  const pool: Payload[] = [];
  for (let i = 0; i < poolSizeFor(sizeBytes); i++) {
    const body =
      kind === 'binary'
        ? makeBinary(sizeBytes, random)
        : kind === 'json'
          ? makeJson(sizeBytes, random)
          : makeText(sizeBytes, random);
    pool.push({ body, checksum: checksumOf(body) });
  }
  return pool;
}
