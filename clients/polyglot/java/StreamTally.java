import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a Java client counts and times, and the one JSON summary line it prints at the end (the same
 * fields as the Python clients' stream_tally.py).
 *
 * <p>Latency is one-way: {@link System#nanoTime()} at receipt minus the scheduled send time the server
 * stamped in the envelope. On Linux, HotSpot's nanoTime is clock_gettime(CLOCK_MONOTONIC), the clock
 * Node's process.hrtime reads too, so no clock sync is needed (bench/polyglot/clock-probe.ts checks
 * this on every run). Methods are synchronized: messages arrive on the HTTP client's threads while
 * the main thread may summarise at the deadline.
 */
final class StreamTally {
  private final String client;
  private final int warmupCount;
  /** With it, sequences missing before the first message received count as lost. */
  private final long expectFirstSeq;
  private final Set<Long> seen = new HashSet<>();
  private long[] latenciesNs = new long[1024];
  private int latencyCount;
  private long received;
  private long duplicated;
  private long reordered;
  private long corrupted;
  private long malformed;
  private long firstSeq = -1;
  private long maxSeq;
  private long endSeq = -1;
  private long bodyBytesRead;
  private long pingsAnswered;
  private String stopReason = "error";
  private String errorCategory;
  private String errorMessage;
  private final long startedNs = System.nanoTime();

  StreamTally(String client, int warmupCount, long expectFirstSeq) {
    this.client = client;
    this.warmupCount = warmupCount;
    this.expectFirstSeq = expectFirstSeq;
  }

  synchronized void record(Envelope.Decoded envelope, long receivedNs) {
    received++;
    if (!envelope.checksumOk()) corrupted++;
    if (!seen.add(envelope.seq())) {
      duplicated++;
      return;
    }
    if (envelope.seq() < maxSeq) reordered++;
    if (firstSeq < 0) firstSeq = envelope.seq();
    maxSeq = Math.max(maxSeq, envelope.seq());
    if (received > warmupCount) addLatency(receivedNs - envelope.scheduledNs());
  }

  private void addLatency(long latencyNs) {
    if (latencyCount == latenciesNs.length) latenciesNs = Arrays.copyOf(latenciesNs, latencyCount * 2);
    latenciesNs[latencyCount++] = latencyNs;
  }

  /** A data line or frame that is not an envelope: counted as corrupted, never decoded. */
  synchronized void recordMalformed() {
    received++;
    malformed++;
    corrupted++;
  }

  synchronized void recordEnd(long lastSeq) {
    endSeq = lastSeq;
  }

  synchronized void addBodyBytes(long bytes) {
    bodyBytesRead += bytes;
  }

  synchronized void countPing() {
    pingsAnswered++;
  }

  synchronized long received() {
    return received;
  }

  /** "end", "count", "duration"; an error sets "error" through {@link #fail}. */
  synchronized void stop(String reason) {
    if (errorCategory == null) stopReason = reason;
  }

  /** Keeps the first error: later ones are usually consequences of it. */
  synchronized void fail(String category, String message) {
    if (errorCategory != null) return;
    errorCategory = category;
    errorMessage = message == null ? "" : message;
    stopReason = "error";
  }

  private long lost() {
    long first = expectFirstSeq >= 0 ? expectFirstSeq : firstSeq;
    if (first < 0) return Math.max(0, endSeq);
    long last = Math.max(maxSeq, endSeq);
    return Math.max(0, last - first + 1 - seen.size());
  }

  /** Nearest-rank percentile in µs of the sorted latencies, or null when there are none. */
  private static String percentileUs(long[] sortedNs, int count, double percent) {
    if (count == 0) return "null";
    int rank = Math.max(1, (int) Math.ceil(percent / 100 * count));
    return String.format(Locale.ROOT, "%.3f", sortedNs[rank - 1] / 1000.0);
  }

  synchronized boolean works() {
    return errorCategory == null && !seen.isEmpty();
  }

  synchronized String summaryJson() {
    long[] sorted = Arrays.copyOf(latenciesNs, latencyCount);
    Arrays.sort(sorted);
    StringBuilder json = new StringBuilder(512).append('{');
    field(json, "client", quote(client));
    field(json, "runtime", quote(System.getProperty("java.vm.name") + " " + Runtime.version()));
    field(json, "clock", quote("System.nanoTime (HotSpot on Linux: clock_gettime(CLOCK_MONOTONIC))"));
    field(json, "works", String.valueOf(works()));
    field(json, "received", String.valueOf(received));
    field(json, "unique", String.valueOf(seen.size()));
    field(json, "first_seq", firstSeq < 0 ? "null" : String.valueOf(firstSeq));
    field(json, "end_seq", endSeq < 0 ? "null" : String.valueOf(endSeq));
    field(json, "lost", String.valueOf(lost()));
    field(json, "duplicated", String.valueOf(duplicated));
    field(json, "reordered", String.valueOf(reordered));
    field(json, "corrupted", String.valueOf(corrupted));
    field(json, "malformed", String.valueOf(malformed));
    field(json, "latency_samples", String.valueOf(latencyCount));
    field(json, "latency_p50_us", percentileUs(sorted, latencyCount, 50));
    field(json, "latency_p99_us", percentileUs(sorted, latencyCount, 99));
    field(json, "latency_max_us", percentileUs(sorted, latencyCount, 100));
    // The JDK's HttpClient and WebSocket hide their sockets: only message bytes can be counted.
    field(json, "socket_bytes_read", "null");
    field(json, "body_bytes_read", String.valueOf(bodyBytesRead));
    field(json, "pings_answered", String.valueOf(pingsAnswered));
    field(json, "stop_reason", quote(stopReason));
    field(json, "duration_ms", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startedNs) / 1e6));
    String error = errorCategory == null ? "null" : "{\"category\":" + quote(errorCategory) + ",\"message\":" + quote(errorMessage) + "}";
    json.append("\"error\":").append(error).append('}');
    return json.toString();
  }

  /** Prints the summary as the last stdout line; returns the process exit code. */
  synchronized int printSummary() {
    System.out.println(summaryJson());
    System.out.flush();
    return works() ? 0 : 1;
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":").append(value).append(',');
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
