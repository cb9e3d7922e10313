import java.util.concurrent.atomic.AtomicLong;

/** Counters the runner reads over GET /stats (the Java stand-in for the Node server's IPC sample). */
final class Stats {
  static final AtomicLong MESSAGES_DELIVERED = new AtomicLong();
  static final AtomicLong CONNECTIONS_OPEN = new AtomicLong();
  static final AtomicLong CONNECTIONS_TOTAL = new AtomicLong();
  /** SseEmitter onTimeout callbacks: the container's async timeout fired on an open stream. */
  static final AtomicLong EMITTER_TIMEOUTS = new AtomicLong();
  /** Sends that threw after the emitter had completed (what the article's catch does not catch). */
  static final AtomicLong SENDS_AFTER_COMPLETE = new AtomicLong();

  private Stats() {}
}
