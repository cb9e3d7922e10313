/**
 * The messages every micro-benchmark encodes and decodes: one envelope with a 256-byte JSON payload
 * (a typical API event) and one with 256 random bytes, from the servers' own payload generator so
 * the sizes and contents match what the network benchmarks send.
 */
import type { Envelope } from '../../servers/envelope.js';
import { makePayloadPool } from '../../servers/payloads.js';

export const SAMPLE_PAYLOAD_BYTES = 256;

function buildEnvelope(kind: 'json' | 'binary'): Envelope {
  const payload = makePayloadPool(kind, SAMPLE_PAYLOAD_BYTES)[0];
  if (payload === undefined) throw new Error(`payload generator returned no ${kind} payload`);
  // A realistic sequence number and a nanosecond timestamp keep the text form its usual length.
  return {
    streamId: 3,
    seq: 123_456,
    scheduledNs: 1_234_567_890_123_456n,
    kind,
    payload: payload.body,
    checksum: payload.checksum,
  };
}

/** The JSON-payload envelope: SSE, WS text frames and the text envelope codec. */
export const SAMPLE_JSON_ENVELOPE: Envelope = buildEnvelope('json');

/** The binary-payload envelope: the binary envelope codec (WS binary frames). */
export const SAMPLE_BINARY_ENVELOPE: Envelope = buildEnvelope('binary');
