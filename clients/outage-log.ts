/**
 * What one reconnecting connection went through, recorded as it happens: every drop with the time
 * it was noticed, the attempts until the stream was back, when it reopened and when the first
 * message after that arrived; plus its heartbeats and the messages a reconnect brought back from the
 * server's replay buffer. Times are nowNs(): the same monotonic clock as the runner's fault time.
 */
import type { ConnectionError } from './connection.js';
import type { ReconnectListener } from './reconnecting-client.js';

/** One drop of one connection and the way back from it. */
export interface OutageRecord {
  /** When the stream that dropped had opened: how long it lived is droppedAtNs minus this. */
  streamOpenedAtNs: number;
  /** When the client noticed the drop. */
  droppedAtNs: number;
  /** How it was noticed (an error category: reset, close:1006, timeout:heartbeat…). */
  category: string;
  /** Attempts made to reopen the stream (at least 1 once it reopened). */
  attempts: number;
  /** When the attempt that reopened the stream started. */
  lastAttemptAtNs?: number;
  reopenedAtNs?: number;
  /** The first message after the reopen, duplicates included. */
  firstMessageAtNs?: number;
}

/** A connection's listener: keeps its outages, heartbeats, replays and error counts. */
export class OutageLog implements ReconnectListener {
  readonly outages: OutageRecord[] = [];
  /** Every drop and failed attempt, by category. */
  readonly errorCounts: Record<string, number> = {};
  heartbeats = 0;
  /**
   * Messages delivered after a reconnect that had been scheduled before the attempt that reopened
   * the stream started: they fell due while the client was away, so the server's replay buffer
   * supplied them. Messages due during the handshake itself are not counted; and a publisher running
   * later than the handshake takes (under heavy load: the storm) can make a live message count.
   */
  replayed = 0;
  /** Resolves when the stream first opens. */
  readonly firstOpened: Promise<void>;
  private markOpened: () => void = () => undefined;
  private openedAtNs = 0;
  private attemptAtNs = 0;

  constructor() {
    this.firstOpened = new Promise((resolve) => (this.markOpened = resolve));
  }

  onAttempt(atNs: number): void {
    this.attemptAtNs = atNs;
    const pending = this.pendingOutage();
    if (pending !== undefined) pending.attempts++;
  }

  onOpen(atNs: number): void {
    this.openedAtNs = atNs;
    const pending = this.pendingOutage();
    if (pending !== undefined) {
      pending.reopenedAtNs = atNs;
      pending.lastAttemptAtNs = this.attemptAtNs;
    }
    this.markOpened();
  }

  onAttemptFailed(error: ConnectionError): void {
    this.count(error.category);
  }

  onDrop(error: ConnectionError, atNs: number): void {
    this.count(error.category);
    this.outages.push({ streamOpenedAtNs: this.openedAtNs, droppedAtNs: atNs, category: error.category, attempts: 0 });
  }

  onHeartbeat(): void {
    this.heartbeats++;
  }

  /** Any message arrived on the stream. */
  onMessageArrived(receivedNs: number): void {
    const last = this.outages.at(-1);
    if (last?.reopenedAtNs !== undefined && last.firstMessageAtNs === undefined) last.firstMessageAtNs = receivedNs;
  }

  /** A message passed the integrity checks (not a duplicate). */
  onMessageAccepted(scheduledNs: number): void {
    const last = this.outages.at(-1);
    if (last?.lastAttemptAtNs !== undefined && scheduledNs < last.lastAttemptAtNs) this.replayed++;
  }

  private pendingOutage(): OutageRecord | undefined {
    const last = this.outages.at(-1);
    return last !== undefined && last.reopenedAtNs === undefined ? last : undefined;
  }

  private count(category: string): void {
    this.errorCounts[category] = (this.errorCounts[category] ?? 0) + 1;
  }
}
