/** Micro-benchmarks of the wire envelope codec (servers/envelope.ts), text and binary forms. */
import {
  decodeBinary,
  decodeText,
  encodeBinary,
  encodeText,
  type DecodedEnvelope,
  type Envelope,
} from '../../servers/envelope.js';
import { assertTask, type MicroTask } from './micro-task.js';
import { SAMPLE_BINARY_ENVELOPE, SAMPLE_JSON_ENVELOPE } from './sample-messages.js';

function assertSameMessage(decoded: DecodedEnvelope, original: Envelope, form: string): void {
  const samePayload = Buffer.isBuffer(original.payload)
    ? Buffer.isBuffer(decoded.payload) && decoded.payload.equals(original.payload)
    : decoded.payload === original.payload;
  assertTask(decoded.checksumOk && samePayload, `${form} envelope did not round-trip: checksum or payload differs`);
  assertTask(
    decoded.seq === original.seq && decoded.scheduledNs === Number(original.scheduledNs),
    `${form} envelope did not round-trip: header fields differ`,
  );
}

/** The four codec tasks: encode and decode of each form. */
export function createEnvelopeTasks(): MicroTask[] {
  const textLine = encodeText(SAMPLE_JSON_ENVELOPE);
  const binaryFrame = encodeBinary(SAMPLE_BINARY_ENVELOPE);
  return [
    {
      name: 'envelope_text_encode',
      runOnce: () => encodeText(SAMPLE_JSON_ENVELOPE),
      verify: () => assertSameMessage(decodeText(encodeText(SAMPLE_JSON_ENVELOPE)), SAMPLE_JSON_ENVELOPE, 'text'),
    },
    {
      name: 'envelope_text_decode',
      runOnce: () => decodeText(textLine),
      verify: () => assertSameMessage(decodeText(textLine), SAMPLE_JSON_ENVELOPE, 'text'),
    },
    {
      name: 'envelope_binary_encode',
      runOnce: () => encodeBinary(SAMPLE_BINARY_ENVELOPE),
      verify: () =>
        assertSameMessage(decodeBinary(encodeBinary(SAMPLE_BINARY_ENVELOPE)), SAMPLE_BINARY_ENVELOPE, 'binary'),
    },
    {
      name: 'envelope_binary_decode',
      runOnce: () => decodeBinary(binaryFrame),
      verify: () => assertSameMessage(decodeBinary(binaryFrame), SAMPLE_BINARY_ENVELOPE, 'binary'),
    },
  ];
}
