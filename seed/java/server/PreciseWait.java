import java.util.concurrent.locks.LockSupport;

/** Sleeps until a System.nanoTime() deadline: park for the bulk, spin the last 100 µs. */
final class PreciseWait {
  private static final long SPIN_NS = 100_000;

  static void until(long deadlineNs) {
    while (true) {
      long left = deadlineNs - System.nanoTime();
      if (left <= 0) return;
      if (left > SPIN_NS) LockSupport.parkNanos(left - SPIN_NS);
      // spin: the last stretch is shorter than a park reliably sleeps
    }
  }

  private PreciseWait() {}
}
