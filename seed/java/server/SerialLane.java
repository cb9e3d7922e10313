import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs its tasks one at a time, in order, on a shared pool: one connection's writes. */
final class SerialLane {
  private final Executor pool;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger pending = new AtomicInteger();

  SerialLane(Executor pool) {
    this.pool = pool;
  }

  int pending() {
    return pending.get();
  }

  void submit(Runnable task) {
    pending.incrementAndGet();
    tasks.add(task);
    if (scheduled.compareAndSet(false, true)) pool.execute(this::drain);
  }

  private void drain() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } finally {
        pending.decrementAndGet();
      }
    }
    scheduled.set(false);
    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) pool.execute(this::drain);
  }
}
