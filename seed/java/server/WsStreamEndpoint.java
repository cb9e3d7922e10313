import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.ServerEndpoint;

/**
 * The envelope stream over a JSR-356 endpoint on the same Tomcat as the SseEmitter one, same path:
 * Tomcat's WsFilter takes the upgrade requests, Spring the rest. Text and JSON payloads as text
 * frames, binary as binary frames; `?from=N` resumes after N; `!end N` ends a bounded stream.
 */
@ServerEndpoint("/stream")
public class WsStreamEndpoint {
  private Publisher.Params params;
  private Publisher publisher;
  private Publisher.Subscriber subscriber;

  static Map<String, String> query(Session session) {
    Map<String, String> query = new HashMap<>();
    for (Map.Entry<String, List<String>> entry : session.getRequestParameterMap().entrySet()) {
      if (!entry.getValue().isEmpty()) query.put(entry.getKey(), entry.getValue().get(0));
    }
    return query;
  }

  @OnOpen
  public void open(Session session) throws IOException {
    Map<String, String> query = query(session);
    try {
      params = StreamHub.parse(query);
    } catch (IllegalArgumentException e) {
      session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, e.getMessage()));
      return;
    }
    Stats.CONNECTIONS_OPEN.incrementAndGet();
    Stats.CONNECTIONS_TOTAL.incrementAndGet();
    publisher = StreamHub.HUB.acquire(params);
    subscriber = new Publisher.Subscriber() {
      @Override
      public void deliver(List<Envelope> batch) throws IOException {
        for (Envelope env : batch) {
          if (env.kind == 'b') session.getBasicRemote().sendBinary(env.binary(System.nanoTime()));
          else session.getBasicRemote().sendText(env.text(System.nanoTime()));
          Stats.MESSAGES_DELIVERED.incrementAndGet();
        }
      }

      @Override
      public void end(long lastSeq) throws IOException {
        session.getBasicRemote().sendText("!end " + lastSeq);
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "end of stream"));
      }

      @Override
      public void fail(Throwable error) {
        try {
          session.close();
        } catch (IOException ignored) {
          // gone already
        }
      }
    };
    String from = query.get("from");
    publisher.subscribe(subscriber, from == null || from.isEmpty() ? null : Long.parseLong(from));
  }

  @OnClose
  public void close(Session session) {
    if (publisher == null) return;
    Stats.CONNECTIONS_OPEN.decrementAndGet();
    StreamHub.HUB.release(params, publisher, subscriber);
    publisher = null;
  }

  @OnError
  public void error(Session session, Throwable error) {
    // A reset connection: @OnClose follows and releases the subscription.
  }
}
