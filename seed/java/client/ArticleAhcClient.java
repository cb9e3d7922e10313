import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.zip.CRC32;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.BoundRequestBuilder;
import org.asynchttpclient.Dsl;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.asynchttpclient.Response;

/**
 * The article's Java client: async-http-client with `Accept: text/event-stream`, a JSON body, and an
 * AsyncHandler whose onBodyPartReceived does the "business logic" on each body part, i.e. treats a
 * body part as a message. Beside it, the same bytes go through a spec parser (WHATWG event-stream
 * rules: CR, LF or CRLF line ends, fields, comments, data lines joined, a blank line dispatches).
 *
 * For every body part it records whether it held exactly one whole event, a fragment of one (split),
 * or several (run together, the "sticky packet"); the spec parser's events are checked against the
 * harness's envelope (sequence, CRC-32) and timed against System.nanoTime() (CLOCK_MONOTONIC).
 *
 * Usage: ArticleAhcClient --url URL [--method POST|GET] [--body JSON] [--deadline-ms N]
 * Prints one JSON line with the counts.
 */
public final class ArticleAhcClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The article's handler shape, instrumented: the parts it would have handled, and the spec parser beside it. */
  static final class MessageHandler implements AsyncHandler<Response> {
    final SpecParser spec = new SpecParser();
    int status;
    long bodyParts;
    long partsOneEvent;
    long partsFragment;
    long partsManyEvents;
    long articleMessagesOk;
    Throwable error;
    final Object done = new Object();
    boolean completed;

    @Override
    public State onStatusReceived(HttpResponseStatus httpResponseStatus) {
      status = httpResponseStatus.getStatusCode();
      return null; // as the article's handler: null is not ABORT, so the request goes on
    }

    @Override
    public State onHeadersReceived(HttpHeaders httpHeaders) {
      return null;
    }

    @Override
    public State onBodyPartReceived(HttpResponseBodyPart part) {
      long arrivedNs = System.nanoTime();
      byte[] bytes = part.getBodyPartBytes();
      bodyParts++;
      boolean startsAtBoundary = spec.atBoundary();
      int before = spec.blocksEnded;
      spec.feed(bytes, arrivedNs);
      int blocks = spec.blocksEnded - before;
      boolean endsAtBoundary = spec.atBoundary();
      if (!startsAtBoundary || !endsAtBoundary || blocks == 0) partsFragment++;
      else if (blocks == 1) partsOneEvent++;
      else partsManyEvents++;
      // The article's reading: this part is one message. It is right only when the part is one whole event.
      if (startsAtBoundary && endsAtBoundary && blocks == 1 && Envelopes.isValidEventText(new String(bytes, StandardCharsets.UTF_8))) articleMessagesOk++;
      return State.CONTINUE;
    }

    @Override
    public void onThrowable(Throwable throwable) {
      error = throwable;
      finish();
    }

    @Override
    public Response onCompleted() {
      finish();
      return null;
    }

    private void finish() {
      synchronized (done) {
        completed = true;
        done.notifyAll();
      }
    }
  }

  /** WHATWG event-stream parsing over bytes, tracking block boundaries for the body-part counts. */
  static final class SpecParser {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String eventName = "";
    private boolean lastWasCr;
    private boolean blockHasContent;
    int blocksEnded;
    /** Body parts fed so far, and the part in which the current block began. */
    long partsFed;
    private long blockStartPart;
    /** Events whose bytes came in more than one body part. */
    long eventsSplit;
    long events;
    long checksumOk;
    long checksumBad;
    long notEnvelope;
    long lost;
    long lastSeq;
    boolean endSeen;
    final List<Long> latenciesUs = new ArrayList<>();
    final List<String> sampleData = new ArrayList<>();

    boolean atBoundary() {
      return line.size() == 0 && !blockHasContent;
    }

    void feed(byte[] bytes, long arrivedNs) {
      partsFed++;
      for (byte b : bytes) {
        if (lastWasCr && b == '\n') {
          lastWasCr = false;
          continue;
        }
        lastWasCr = b == '\r';
        if (b == '\r' || b == '\n') endLine(arrivedNs);
        else {
          if (line.size() == 0 && !blockHasContent) blockStartPart = partsFed;
          line.write(b);
        }
      }
    }

    private void endLine(long arrivedNs) {
      String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
      line.reset();
      if (text.isEmpty()) {
        if (blockHasContent) blocksEnded++;
        blockHasContent = false;
        dispatch(arrivedNs);
        return;
      }
      blockHasContent = true;
      if (text.startsWith(":")) return;
      int colon = text.indexOf(':');
      String field = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) value = value.substring(1);
      if (field.equals("data")) data.append(value).append('\n');
      else if (field.equals("event")) eventName = value;
    }

    private void dispatch(long arrivedNs) {
      if (data.length() == 0) {
        eventName = "";
        return;
      }
      String value = data.substring(0, data.length() - 1);
      data.setLength(0);
      String name = eventName;
      eventName = "";
      events++;
      if (blockStartPart != partsFed) eventsSplit++;
      if (sampleData.size() < 3) sampleData.add(value.length() > 80 ? value.substring(0, 80) : value);
      if (name.equals("end")) {
        endSeen = true;
        events--;
        return;
      }
      String envelope = value;
      if (value.startsWith("{")) {
        try {
          JsonNode node = JSON.readTree(value);
          if (node.path("code").asInt() == -200) {
            endSeen = true;
            events--;
            return;
          }
          envelope = node.path("data").asText();
        } catch (Exception e) {
          notEnvelope++;
          return;
        }
      }
      Envelopes.Decoded decoded = Envelopes.decode(envelope);
      if (decoded == null) {
        notEnvelope++;
        return;
      }
      if (decoded.checksumOk) checksumOk++;
      else checksumBad++;
      if (lastSeq > 0 && decoded.seq > lastSeq + 1) lost += decoded.seq - lastSeq - 1;
      lastSeq = Math.max(lastSeq, decoded.seq);
      latenciesUs.add((arrivedNs - decoded.scheduledNs) / 1000);
    }
  }

  static final class Envelopes {
    static final class Decoded {
      long seq;
      long scheduledNs;
      boolean checksumOk;
    }

    static Decoded decode(String line) {
      String[] f = line.split(" ", 7);
      if (f.length < 7) return null;
      try {
        Decoded d = new Decoded();
        d.seq = Long.parseLong(f[1]);
        d.scheduledNs = Long.parseLong(f[2]);
        byte[] payload = f[4].equals("b") ? Base64.getDecoder().decode(f[6]) : f[6].getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        d.checksumOk = crc.getValue() == Long.parseLong(f[5], 16);
        return d;
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** One body part read as the article's handler would: one `data:` event holding one message. */
    static boolean isValidEventText(String part) {
      SpecParser parser = new SpecParser();
      parser.feed(part.getBytes(StandardCharsets.UTF_8), System.nanoTime());
      return parser.events == 1 && parser.checksumOk + (parser.endSeen ? 1 : 0) >= 1 || parser.endSeen;
    }
  }

  private static String jarVersion(Class<?> type) {
    try {
      URL location = type.getProtectionDomain().getCodeSource().getLocation();
      try (JarInputStream jar = new JarInputStream(location.openStream())) {
        java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
        String version = main.getValue("Implementation-Version");
        return version != null ? version : main.getValue("Bundle-Version");
      }
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) return -1;
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
  }

  public static void main(String[] args) throws Exception {
    String url = null;
    String method = "POST";
    String body = "{\"name\":\"Hello World!\"}";
    long deadlineMs = 60_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url": url = args[++i]; break;
        case "--method": method = args[++i]; break;
        case "--body": body = args[++i]; break;
        case "--deadline-ms": deadlineMs = Long.parseLong(args[++i]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    MessageHandler handler = new MessageHandler();
    long startNs = System.nanoTime();
    // As the article: Dsl.asyncHttpClient() with its defaults, a POST with these two headers and the body.
    try (AsyncHttpClient client = Dsl.asyncHttpClient()) {
      BoundRequestBuilder requestBuilder = method.equals("GET") ? client.prepareGet(url) : client.preparePost(url);
      requestBuilder.setHeader("Accept", "text/event-stream");
      requestBuilder.setHeader("Content-Type", "application/json");
      if (!method.equals("GET")) requestBuilder.setBody(body);
      requestBuilder.execute(handler);
      synchronized (handler.done) {
        long until = System.currentTimeMillis() + deadlineMs;
        while (!handler.completed && System.currentTimeMillis() < until) handler.done.wait(Math.max(1, until - System.currentTimeMillis()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("asyncHttpClient", jarVersion(AsyncHttpClient.class));
      out.put("netty", jarVersion(io.netty.buffer.ByteBuf.class));
      out.put("requestTimeoutMs", client.getConfig().getRequestTimeout());
      out.put("status", handler.status);
      out.put("completed", handler.completed);
      out.put("error", handler.error == null ? null : handler.error.getClass().getSimpleName() + ": " + handler.error.getMessage());
      out.put("wallMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
      out.put("bodyParts", handler.bodyParts);
      out.put("partsOneEvent", handler.partsOneEvent);
      out.put("partsFragment", handler.partsFragment);
      out.put("partsManyEvents", handler.partsManyEvents);
      out.put("articleMessagesOk", handler.articleMessagesOk);
      SpecParser spec = handler.spec;
      out.put("specEvents", spec.events);
      out.put("eventsSplit", spec.eventsSplit);
      out.put("specChecksumOk", spec.checksumOk);
      out.put("specChecksumBad", spec.checksumBad);
      out.put("specNotEnvelope", spec.notEnvelope);
      out.put("specLost", spec.lost);
      out.put("specLastSeq", spec.lastSeq);
      out.put("endSeen", spec.endSeen);
      long[] latencies = spec.latenciesUs.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(latencies);
      out.put("latencyP50Us", percentile(latencies, 0.5));
      out.put("latencyP99Us", percentile(latencies, 0.99));
      out.put("latencyMaxUs", latencies.length == 0 ? -1 : latencies[latencies.length - 1]);
      out.put("sampleData", spec.sampleData);
      System.out.println(JSON.writeValueAsString(out));
    }
  }
}
