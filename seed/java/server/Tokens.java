import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The LLM case (servers/llm-stream.ts): token k scheduled at start + k * delay, then the end. */
final class Tokens {
  interface Sink {
    void token(Envelope env) throws Exception;
    void end(long lastSeq) throws Exception;
  }

  private static final String[] VOCABULARY = {"The", " answer", " streams", " one", " token", " at", " a", " time", ",", " like", " a", " model", " would", "."};
  private static final AtomicLong NEXT_STREAM = new AtomicLong(1);
  static final ExecutorService POOL = Executors.newCachedThreadPool(SendPool.daemon("llm"));

  final int tokens;
  final double delayMs;

  Tokens(Map<String, Object> request) {
    this.tokens = request.get("tokens") == null ? 50 : Integer.parseInt(String.valueOf(request.get("tokens")));
    this.delayMs = request.get("tokenDelayMs") == null ? 20 : Double.parseDouble(String.valueOf(request.get("tokenDelayMs")));
    if (tokens < 1 || tokens > 100_000) throw new IllegalArgumentException("tokens must be an integer from 1 to 100000");
    if (delayMs < 0 || delayMs > 60_000) throw new IllegalArgumentException("tokenDelayMs must be a number from 0 to 60000");
  }

  /** Runs on the pool; returns at once. A failing sink stops the stream. */
  void stream(Sink sink, Runnable onFailure) {
    long streamId = NEXT_STREAM.getAndIncrement();
    long startNs = System.nanoTime();
    long delayNs = Math.round(delayMs * 1e6);
    POOL.execute(() -> {
      try {
        for (int k = 1; k <= tokens; k++) {
          long due = startNs + k * delayNs;
          PreciseWait.until(due);
          String text = VOCABULARY[(k - 1) % VOCABULARY.length];
          sink.token(new Envelope(streamId, k, due, 't', new Payloads.Payload(text, text.getBytes(StandardCharsets.UTF_8))));
          Stats.MESSAGES_DELIVERED.incrementAndGet();
        }
        sink.end(tokens);
      } catch (Exception error) {
        onFailure.run();
      }
    });
  }
}
