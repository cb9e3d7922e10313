/**
 * The last N messages of a stream, so a client that reconnects with Last-Event-ID (SSE) or a
 * last-seen sequence (WS) gets what it missed. Bounded: a client away for longer than the buffer
 * covers sees a gap, which its receiver counts as lost, rather than the server growing without end.
 */
import type { Envelope } from './envelope.js';

export class ReplayBuffer {
  private readonly ring: (Envelope | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(0, capacity));
  }

  push(env: Envelope): void {
    if (this.capacity === 0) return;
    this.ring[this.next] = env;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Messages with seq > afterSeq still held, oldest first. */
  since(afterSeq: number): Envelope[] {
    const out: Envelope[] = [];
    for (let i = 0; i < this.size; i++) {
      const env = this.ring[(this.next - this.size + i + this.capacity) % this.capacity];
      if (env !== undefined && env.seq > afterSeq) out.push(env);
    }
    return out;
  }
}
