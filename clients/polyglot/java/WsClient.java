import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client on the JDK's {@code HttpClient.newWebSocketBuilder()}: text frames carry the
 * text envelope, binary frames the binary one, and {@code !end N} announces the end of a bounded
 * stream before the server's close frame. The JDK answers pings with pongs itself (the harness's
 * server terminates peers that miss one), assembles fragments on request, and echoes the close.
 *
 * <p>Prints one JSON summary line (see StreamTally). Exit code 0 when it worked, 1 when it did not,
 * 2 on a bad command line.
 */
public final class WsClient implements WebSocket.Listener {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** After sending close, how long to wait for the server's close frame. */
  private static final long CLOSE_WAIT_MS = 2000;

  private final ClientArgs args;
  private final StreamTally tally;
  /** Completes with why the client stopped reading: "end" or "count". */
  private final CompletableFuture<String> finished = new CompletableFuture<>();
  /** Completes with the server's close code. */
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  /** Set once this client sent close first: the server's answering close is then expected. */
  private volatile boolean closeSent;
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

  private WsClient(ClientArgs args, StreamTally tally) {
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
    StreamTally tally = new StreamTally("java-ws", args.warmupCount, args.expectFirstSeq);
    new WsClient(args, tally).run();
    System.exit(tally.printSummary());
  }

  private void run() {
    WebSocket ws;
    try {
      ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(args.url, this).get();
    } catch (ExecutionException err) {
      failToConnect(err.getCause());
      return;
    } catch (InterruptedException err) {
      tally.fail("internal", "interrupted while connecting");
      return;
    }
    try {
      tally.stop(finished.get(args.durationMs, TimeUnit.MILLISECONDS));
    } catch (TimeoutException err) {
      tally.stop("duration");
    } catch (Exception err) {
      return; // onError or an early close already recorded what went wrong
    }
    closeAndWait(ws);
  }

  private void failToConnect(Throwable cause) {
    if (cause instanceof WebSocketHandshakeException handshake) {
      tally.fail("http-status", "expected 101 Switching Protocols, got " + handshake.getResponse().statusCode());
    } else if (cause instanceof HttpConnectTimeoutException) {
      tally.fail("timeout:connect", cause.getMessage());
    } else {
      tally.fail("connect", String.valueOf(cause));
    }
  }

  /** Starts the closing handshake unless the server already did, and waits for it to finish. */
  private void closeAndWait(WebSocket ws) {
    if (!ws.isOutputClosed()) {
      closeSent = true;
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }
    try {
      closed.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException err) {
      tally.fail("timeout:closing", "no close frame within " + CLOSE_WAIT_MS + " ms of ours");
      ws.abort();
    } catch (Exception err) {
      // onError already recorded it
    }
  }

  @Override
  public void onOpen(WebSocket ws) {
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      onTextMessage(text.toString(), System.nanoTime());
      text.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    binary.writeBytes(chunk);
    if (last) {
      onBinaryMessage(binary.toByteArray(), System.nanoTime());
      binary.reset();
    }
    ws.request(1);
    return null;
  }

  private void onTextMessage(String message, long receivedNs) {
    if (finished.isDone()) return;
    tally.addBodyBytes(message.getBytes(StandardCharsets.UTF_8).length);
    try {
      long endSeq = Envelope.decodeEndText(message);
      if (endSeq >= 0) {
        tally.recordEnd(endSeq);
        finished.complete("end");
        return;
      }
      tally.record(Envelope.decodeText(message), receivedNs);
    } catch (Envelope.MalformedException | NumberFormatException err) {
      tally.recordMalformed();
    }
    checkCount();
  }

  private void onBinaryMessage(byte[] message, long receivedNs) {
    if (finished.isDone()) return;
    tally.addBodyBytes(message.length);
    try {
      tally.record(Envelope.decodeBinary(ByteBuffer.wrap(message)), receivedNs);
    } catch (Envelope.MalformedException err) {
      tally.recordMalformed();
    }
    checkCount();
  }

  private void checkCount() {
    if (args.count > 0 && tally.received() >= args.count) finished.complete("count");
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    tally.countPing(); // the JDK sends the pong itself
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    if (statusCode != WebSocket.NORMAL_CLOSURE) {
      tally.fail("close:" + statusCode, "the server closed with " + statusCode + " " + reason);
    } else if (!finished.isDone() && !closeSent) {
      tally.fail("close:1000", "the server closed before the end marker");
    }
    finished.completeExceptionally(new IllegalStateException("closed"));
    closed.complete(statusCode);
    return null; // completing at once lets the JDK echo the close frame
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    tally.fail("close:1006", "abnormal closure: " + error);
    finished.completeExceptionally(error);
    closed.completeExceptionally(error);
  }
}
