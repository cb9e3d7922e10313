/**
 * Inflates permessage-deflate messages one at a time, each with the window of those before it
 * (RFC 7692 §7.2.3: with context takeover a message may copy from earlier ones), so every message's
 * own decoded bytes are known. Runs after a measurement, never inside one.
 */
import { constants, createInflateRaw } from 'node:zlib';

/** RFC 7692 §7.2.2: the sender drops this tail from each message; the receiver puts it back. */
const DEFLATE_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** The decoded bytes of each compressed payload, in order. */
export async function inflateMessages(payloads: readonly Buffer[]): Promise<Buffer[]> {
  const inflater = createInflateRaw();
  let pending: Buffer[] = [];
  inflater.on('data', (chunk: Buffer) => pending.push(chunk));
  const decoded: Buffer[] = [];
  try {
    for (const payload of payloads) {
      inflater.write(Buffer.concat([payload, DEFLATE_TAIL]));
      // The flush callback runs once this message's output has been pushed (as 'data' above).
      await new Promise<void>((resolve) => inflater.flush(constants.Z_SYNC_FLUSH, () => resolve()));
      decoded.push(Buffer.concat(pending));
      pending = [];
    }
  } finally {
    inflater.close();
  }
  return decoded;
}
