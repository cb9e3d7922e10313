import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client on the JDK's HttpClient, the seed article's Java client without its
 * third-party library: the request carries {@code Accept: text/event-stream} (GET, or POST with a
 * JSON body as the seed's async-http-client did), and the body is read with
 * {@code BodyHandlers.ofLines()} as the lines arrive. Each {@code data:} value is one envelope
 * (servers/envelope.ts); the {@code end} event carries the last sequence number.
 *
 * <p>Prints one JSON summary line (see StreamTally). Exit code 0 when it worked, 1 when it did not,
 * 2 on a bad command line.
 */
public final class SseClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String END_EVENT = "end";

  private final ClientArgs args;
  private final StreamTally tally;
  private final CompletableFuture<String> finished = new CompletableFuture<>();

  private SseClient(ClientArgs args, StreamTally tally) {
    this.args = args;
    this.tally = tally;
  }

  public static void main(String[] argv) {
    ClientArgs args;
    try {
      args = ClientArgs.parse(argv);
    } catch (ClientArgs.UsageException err) {
      System.err.println("usage error: " + err.getMessage());
      System.exit(2);
      return;
    }
    StreamTally tally = new StreamTally("java-sse", args.warmupCount, args.expectFirstSeq);
    new SseClient(args, tally).run();
    // exit, not return: the HttpClient's selector thread would keep a blocked stream alive.
    System.exit(tally.printSummary());
  }

  private HttpRequest buildRequest() {
    HttpRequest.Builder request = HttpRequest.newBuilder(args.url)
        .header("Accept", "text/event-stream")
        .header("Cache-Control", "no-cache");
    if (args.method.equals("POST")) {
      String body = args.body == null ? "{}" : args.body;
      return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
    return request.GET().build();
  }

  private void run() {
    // HTTP/1.1 as the seed's client: without it the JDK offers an h2c upgrade on plain http.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    HttpResponse<Stream<String>> response;
    try {
      response = client.send(buildRequest(), HttpResponse.BodyHandlers.ofLines());
    } catch (HttpConnectTimeoutException err) {
      tally.fail("timeout:connect", err.getMessage());
      return;
    } catch (ConnectException err) {
      tally.fail("connect", String.valueOf(err.getMessage() == null ? err : err.getMessage()));
      return;
    } catch (IOException err) {
      tally.fail("connect", err.toString());
      return;
    } catch (InterruptedException err) {
      tally.fail("internal", "interrupted while connecting");
      return;
    }
    if (checkResponse(response)) readUntilDone(response.body());
  }

  private boolean checkResponse(HttpResponse<Stream<String>> response) {
    if (response.statusCode() != 200) {
      tally.fail("http-status", "HTTP " + response.statusCode());
      response.body().close();
      return false;
    }
    String contentType = response.headers().firstValue("content-type").orElse("");
    if (!contentType.startsWith("text/event-stream")) {
      tally.fail("mime", "content-type " + contentType + ", expected text/event-stream");
      response.body().close();
      return false;
    }
    return true;
  }

  /** Lines are read on a worker thread so this one can stop at the deadline without racing it. */
  private void readUntilDone(Stream<String> lines) {
    Thread reader = new Thread(() -> readLines(lines.iterator()), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      tally.stop(finished.get(args.durationMs, TimeUnit.MILLISECONDS));
    } catch (TimeoutException err) {
      tally.stop("duration");
    } catch (Exception err) {
      tally.fail("reset", String.valueOf(err.getCause() == null ? err : err.getCause()));
    }
  }

  private void readLines(Iterator<String> lines) {
    EventStreamParser parser = new EventStreamParser(this::onEvent);
    try {
      while (!finished.isDone() && lines.hasNext()) {
        String line = lines.next();
        // +1 for the LF the line reader removed (our server ends lines with LF only).
        tally.addBodyBytes(line.getBytes(StandardCharsets.UTF_8).length + 1L);
        parser.feedLine(line);
      }
      finished.completeExceptionally(new IOException("the server closed the stream before its end event"));
    } catch (RuntimeException err) { // ofLines wraps the socket's IOException in UncheckedIOException
      finished.completeExceptionally(err);
    }
  }

  private void onEvent(String type, String data) {
    long receivedNs = System.nanoTime();
    if (type.equals(END_EVENT)) {
      tally.recordEnd(Long.parseLong(data.trim()));
      finished.complete("end");
      return;
    }
    try {
      tally.record(Envelope.decodeText(data), receivedNs);
    } catch (Envelope.MalformedException err) {
      tally.recordMalformed();
    }
    if (args.count > 0 && tally.received() >= args.count) finished.complete("count");
  }
}
