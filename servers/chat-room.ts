/**
 * A chat room for the WS-9 scenario: every message a member posts goes to every member. Lines are
 * queued and flushed once per event-loop turn, so a burst of posts leaves as one write per member
 * (the same coalescing the streams get), and both transports share this one implementation.
 */
export interface ChatMember {
  /** Writes the lines posted since the last flush, in order. */
  deliver(lines: readonly string[]): void;
}

export class ChatRoom {
  private readonly members = new Set<ChatMember>();
  private pending: string[] = [];
  private flushScheduled = false;
  /** Lines delivered to members, counted per member (for server CPU per message). */
  delivered = 0;

  join(member: ChatMember): void {
    this.members.add(member);
  }

  leave(member: ChatMember): void {
    this.members.delete(member);
  }

  post(line: string): void {
    this.pending.push(line);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  private flush = (): void => {
    const lines = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    for (const member of this.members) member.deliver(lines);
    this.delivered += lines.length * this.members.size;
  };
}
