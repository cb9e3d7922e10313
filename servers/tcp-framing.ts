/**
 * The TCP floor's framing: a 4-byte big-endian length, then the text envelope. The least any
 * message-oriented stream can add, so it shows what neither SSE nor WS can beat.
 */
export const LENGTH_PREFIX_BYTES = 4;

export function encodeTcpFrame(text: string): Buffer {
  const body = Buffer.from(text);
  const frame = Buffer.allocUnsafe(LENGTH_PREFIX_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, LENGTH_PREFIX_BYTES);
  return frame;
}

/** Splits a byte stream into frames, keeping a partial frame until the rest arrives. */
export class TcpFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds a chunk; returns the complete frame bodies it finished. */
  push(chunk: Buffer): Buffer[] {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Buffer[] = [];
    while (data.length >= LENGTH_PREFIX_BYTES) {
      const length = data.readUInt32BE(0);
      if (data.length < LENGTH_PREFIX_BYTES + length) break;
      frames.push(data.subarray(LENGTH_PREFIX_BYTES, LENGTH_PREFIX_BYTES + length));
      data = data.subarray(LENGTH_PREFIX_BYTES + length);
    }
    this.pending = data.length > 0 ? Buffer.from(data) : Buffer.alloc(0);
    return frames;
  }
}
