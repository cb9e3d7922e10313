import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A publisher subscription written to an SseEmitter: one `send` per event, as SseEmitter is used.
 * Spring 4.3 writes an event built with id() and data() in three parts, flushing after each
 * ("id:N\ndata:", the data, "\n\n"): what async-http-client's body parts then reflect (SSE-8).
 */
final class SseSubscriber implements Publisher.Subscriber {
  private final SseEmitter emitter;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  SseSubscriber(SseEmitter emitter, Runnable release) {
    this.emitter = emitter;
    this.release = release;
    Stats.CONNECTIONS_OPEN.incrementAndGet();
    Stats.CONNECTIONS_TOTAL.incrementAndGet();
    emitter.onCompletion(this::close);
    emitter.onTimeout(() -> {
      Stats.EMITTER_TIMEOUTS.incrementAndGet();
      close();
    });
  }

  private void close() {
    if (!closed.compareAndSet(false, true)) return;
    Stats.CONNECTIONS_OPEN.decrementAndGet();
    release.run();
  }

  @Override
  public void deliver(List<Envelope> batch) throws IOException {
    for (Envelope env : batch) {
      if (closed.get()) return;
      emitter.send(SseEmitter.event().id(Long.toString(env.seq)).data(env.text(System.nanoTime())));
      Stats.MESSAGES_DELIVERED.incrementAndGet();
    }
  }

  @Override
  public void end(long lastSeq) throws IOException {
    emitter.send(SseEmitter.event().name("end").data(Long.toString(lastSeq)));
    emitter.complete();
  }

  @Override
  public void fail(Throwable error) {
    if (error instanceof IllegalStateException) Stats.SENDS_AFTER_COMPLETE.incrementAndGet();
    try {
      emitter.completeWithError(error);
    } catch (RuntimeException ignored) {
      // already complete (timed out or the client went away)
    }
    close();
  }
}
