/**
 * Caps on an SSE stream's lines and events, checked on the raw bytes before the parser buffers
 * them: a server that sends one endless line would otherwise grow the parser's buffer until the
 * process runs out of memory. An event ends at a blank line; CR, LF and CRLF all end a line.
 */
export type LineGuardVerdict = undefined | 'line-too-long' | 'event-too-large';

const LF = 0x0a;
const CR = 0x0d;

export class LineGuard {
  private lineBytes = 0;
  private eventBytes = 0;
  /** The last byte was CR: a following LF belongs to the same line end. */
  private afterCr = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly maxEventBytes: number,
  ) {}

  /** Scans a chunk; the first cap it breaks, or undefined. */
  feed(chunk: Uint8Array): LineGuardVerdict {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === LF && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = byte === CR;
      if (byte === LF || byte === CR) {
        // A blank line dispatches the event: the next one starts from nothing.
        if (this.lineBytes === 0) this.eventBytes = 0;
        this.lineBytes = 0;
        continue;
      }
      this.lineBytes++;
      this.eventBytes++;
      if (this.lineBytes > this.maxLineBytes) return 'line-too-long';
      if (this.eventBytes > this.maxEventBytes) return 'event-too-large';
    }
    return undefined;
  }
}
