/**
 * The upstream message both transports send: one text envelope (servers/envelope.ts) around a text
 * payload of the asked size. Every message is the same bytes, so bytes per upstream message are
 * exact and the two transports carry identical bodies; the server checks each one's checksum.
 */
import { checksumOf, encodeText } from '../../servers/envelope.js';
import { makePayloadPool } from '../../servers/payloads.js';

/** The envelope text of an upstream message with a `payloadBytes`-byte payload. */
export function makeUpstreamBody(payloadBytes: number): string {
  const payload = makePayloadPool('text', payloadBytes)[0]!.body as string;
  return encodeText({ streamId: 0, seq: 1, scheduledNs: 0n, kind: 'text', payload, checksum: checksumOf(payload) });
}
