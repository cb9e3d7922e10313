import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The event-stream field rules (WHATWG HTML §9.2.6) for the fields the clients need: {@code data:}
 * with one optional space stripped and several lines joined, {@code event:}, comments (the server's
 * heartbeats), and a blank line that dispatches. {@code id:} and {@code retry:} matter only to a
 * reconnecting client, which these are not. The seed's async-http-client handler got raw body parts
 * instead and had to find the lines itself (its "sticky packets"); lines from
 * BodyHandlers.ofLines() are already split on LF, CR and CRLF.
 */
final class EventStreamParser {
  private final BiConsumer<String, String> onEvent;
  private String eventType = "";
  private final List<String> data = new ArrayList<>();

  EventStreamParser(BiConsumer<String, String> onEvent) {
    this.onEvent = onEvent;
  }

  void feedLine(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) return;
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) value = value.substring(1);
    if (name.equals("data")) data.add(value);
    else if (name.equals("event")) eventType = value;
  }

  private void dispatch() {
    String type = eventType.isEmpty() ? "message" : eventType;
    String joined = String.join("\n", data);
    boolean hadData = !data.isEmpty();
    eventType = "";
    data.clear();
    if (hadData) onEvent.accept(type, joined);
  }
}
