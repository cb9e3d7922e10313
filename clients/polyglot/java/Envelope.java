import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The harness's wire envelope (servers/envelope.ts), decoded with the JDK only.
 *
 * <p>Text form, one line: {@code <streamId> <seq> <scheduledNs> <writeLagNs> <kind t|j|b> <crc32 hex>
 * <payload>}, binary payloads base64-encoded. Binary form (WS binary frames): a 32-byte little-endian
 * header (version u8 = 2, kind u8, reserved u16, streamId u32, seq f64, scheduledNs u64, crc32 u32,
 * writeLagNs u32) then the raw payload. The write lag is how late the server wrote the message. {@link CRC32} is the same CRC-32 (IEEE 802.3) as Node's {@code zlib.crc32}.
 */
final class Envelope {
  static final int BINARY_HEADER_BYTES = 32;
  static final String END_PREFIX = "!end ";

  /** A decoded message; {@code checksumOk} is computed here from the bytes received. */
  record Decoded(long streamId, long seq, long scheduledNs, long writtenNs, char kind, int payloadBytes, boolean checksumOk) {}

  /** The bytes are not an envelope at all (as opposed to an envelope with a bad checksum). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private Envelope() {}

  static Decoded decodeText(String line) throws MalformedException {
    String[] fields = line.split(" ", 7);
    if (fields.length != 7 || fields[4].length() != 1 || "tjb".indexOf(fields[4].charAt(0)) < 0) {
      throw new MalformedException("not an envelope: " + line.substring(0, Math.min(60, line.length())));
    }
    char kind = fields[4].charAt(0);
    try {
      byte[] payload = kind == 'b' ? Base64.getDecoder().decode(fields[6]) : fields[6].getBytes(StandardCharsets.UTF_8);
      long expected = Long.parseLong(fields[5], 16);
      long scheduledNs = Long.parseLong(fields[2]);
      long writtenNs = scheduledNs + Long.parseLong(fields[3]);
      return new Decoded(Long.parseLong(fields[0]), Long.parseLong(fields[1]), scheduledNs, writtenNs, kind, payload.length, crc32(payload) == expected);
    } catch (IllegalArgumentException err) { // NumberFormatException is one too
      throw new MalformedException("malformed field: " + err.getMessage());
    }
  }

  static Decoded decodeBinary(ByteBuffer frame) throws MalformedException {
    ByteBuffer buffer = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.remaining() < BINARY_HEADER_BYTES) {
      throw new MalformedException(buffer.remaining() + " bytes, the header needs " + BINARY_HEADER_BYTES);
    }
    int version = buffer.get() & 0xff;
    int kindByte = buffer.get() & 0xff;
    if (version != 2 || kindByte < 1 || kindByte > 3) {
      throw new MalformedException("version " + version + ", kind byte " + kindByte);
    }
    buffer.getShort();
    long streamId = buffer.getInt() & 0xffffffffL;
    long seq = (long) buffer.getDouble();
    long scheduledNs = buffer.getLong();
    long expected = buffer.getInt() & 0xffffffffL;
    long writtenNs = scheduledNs + (buffer.getInt() & 0xffffffffL);
    byte[] payload = new byte[buffer.remaining()];
    buffer.get(payload);
    return new Decoded(streamId, seq, scheduledNs, writtenNs, "tjb".charAt(kindByte - 1), payload.length, crc32(payload) == expected);
  }

  /** The WS end-of-stream marker {@code !end N} (N = last sequence), or -1 for anything else. */
  static long decodeEndText(String text) {
    return text.startsWith(END_PREFIX) ? Long.parseLong(text.substring(END_PREFIX.length())) : -1;
  }

  private static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
