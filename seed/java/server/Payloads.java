import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Payloads of an exact size per kind (text, json, binary), a small rotating pool made once. */
final class Payloads {
  static final class Payload {
    final String text;
    final byte[] bytes;
    final long crc;

    Payload(String text, byte[] bytes) {
      this.text = text;
      this.bytes = bytes;
      this.crc = Envelope.crc32(bytes);
    }
  }

  private static final String[] WORDS = {"stream", "event", "socket", "token", "frame", "server", "client", "latency", "byte", "message"};

  static List<Payload> pool(char kind, int size) {
    List<Payload> pool = new ArrayList<>();
    long state = 2463534242L + size;
    int count = Math.max(16, (64 * 1024 + size - 1) / size);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      byte[] raw = new byte[size];
      while (text.length() < size) {
        state ^= state << 13; state ^= state >>> 7; state ^= state << 17;
        text.append(WORDS[(int) Math.floorMod(state, (long) WORDS.length)]).append(' ');
      }
      String words = text.substring(0, size);
      if (kind == 'b') {
        for (int b = 0; b < size; b++) {
          state ^= state << 13; state ^= state >>> 7; state ^= state << 17;
          raw[b] = (byte) state;
        }
        pool.add(new Payload(null, raw));
      } else if (kind == 'j') {
        String padded = "{\"t\":\"" + words.substring(0, Math.max(0, size - 8)).replace(' ', '_') + "\"}";
        pool.add(new Payload(padded, padded.getBytes(StandardCharsets.UTF_8)));
      } else {
        pool.add(new Payload(words, words.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return pool;
  }

  static char kindCode(String kind) {
    switch (kind) {
      case "text": return 't';
      case "json": return 'j';
      case "binary": return 'b';
      default: throw new IllegalArgumentException("query parameter kind must be one of text, json, binary, got \"" + kind + "\"");
    }
  }
}
