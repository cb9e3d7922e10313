import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.ServerEndpoint;

/** The LLM case over one socket: each JSON prompt gets a token stream and `!end N`; the socket stays open. */
@ServerEndpoint("/llm")
public class WsLlmEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  @OnOpen
  public void open(Session session) {
    Stats.CONNECTIONS_OPEN.incrementAndGet();
    Stats.CONNECTIONS_TOTAL.incrementAndGet();
  }

  @SuppressWarnings("unchecked")
  @OnMessage
  public void prompt(Session session, String text) throws IOException {
    Tokens tokens;
    try {
      tokens = new Tokens(JSON.readValue(text, Map.class));
    } catch (IllegalArgumentException | IOException e) {
      session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, String.valueOf(e.getMessage())));
      return;
    }
    tokens.stream(new Tokens.Sink() {
      @Override
      public void token(Envelope env) throws IOException {
        synchronized (session) {
          session.getBasicRemote().sendText(env.text(System.nanoTime()));
        }
      }

      @Override
      public void end(long lastSeq) throws IOException {
        synchronized (session) {
          session.getBasicRemote().sendText("!end " + lastSeq);
        }
      }
    }, () -> {});
  }

  @OnClose
  public void close(Session session) {
    Stats.CONNECTIONS_OPEN.decrementAndGet();
  }
}
