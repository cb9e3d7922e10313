import java.util.HashMap;
import java.util.Map;

/** Streams with the same parameters share one publisher (broadcast), as servers/stream-hub.ts. */
final class StreamHub {
  static final StreamHub HUB = new StreamHub();
  private final Map<String, Publisher> publishers = new HashMap<>();

  synchronized Publisher acquire(Publisher.Params params) {
    return publishers.computeIfAbsent(params.key(), key -> new Publisher(params));
  }

  synchronized void release(Publisher.Params params, Publisher publisher, Publisher.Subscriber subscriber) {
    publisher.unsubscribe(subscriber);
    if (publisher.idle() && publishers.get(params.key()) == publisher) {
      publishers.remove(params.key());
      publisher.stop();
    }
  }

  /** Reads ?stream=&rate=&size=&kind=&count= with the harness's defaults (servers/stream-params.ts). */
  static Publisher.Params parse(Map<String, String> query) {
    char kind = Payloads.kindCode(query.getOrDefault("kind", "text"));
    return new Publisher.Params(
        readLong(query, "stream", 0, 0, 0xffffffffL),
        (int) readLong(query, "rate", 100, 0, 10_000_000),
        (int) readLong(query, "size", 64, kind == 'j' ? 8 : 1, 16 * 1024 * 1024),
        kind,
        readLong(query, "count", 0, 0, Long.MAX_VALUE));
  }

  static long readLong(Map<String, String> query, String name, long fallback, long min, long max) {
    String raw = query.get(name);
    if (raw == null || raw.isEmpty()) return fallback;
    long value;
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      value = Long.MIN_VALUE;
    }
    if (value < min || value > max) throw new IllegalArgumentException("query parameter " + name + " must be an integer from " + min + " to " + max + ", got \"" + raw + "\"");
    return value;
  }
}
