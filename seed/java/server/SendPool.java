import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pool sends run on (the article sends from a pool too: SseEmitter.send blocks). */
final class SendPool {
  static final int THREADS = Integer.getInteger("seed.sendThreads", 8);
  static final ExecutorService POOL = new ThreadPoolExecutor(THREADS, THREADS, 60L, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("send"));

  static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private SendPool() {}
}
