import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The harness's wire envelope (servers/envelope.ts), written in Java so the Spring and JSR-356
 * servers speak it: text form `<streamId> <seq> <scheduledNs> <writeLagNs> <kind> <crc32 hex> <payload>`
 * and the 32-byte binary header for WS binary frames. scheduledNs is System.nanoTime(), which on
 * Linux reads CLOCK_MONOTONIC, the clock behind Node's process.hrtime (checked by the seed tests).
 */
final class Envelope {
  final long streamId;
  final long seq;
  final long scheduledNs;
  final char kind;
  final Payloads.Payload payload;

  Envelope(long streamId, long seq, long scheduledNs, char kind, Payloads.Payload payload) {
    this.streamId = streamId;
    this.seq = seq;
    this.scheduledNs = scheduledNs;
    this.kind = kind;
    this.payload = payload;
  }

  static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  private long lagNs(long writtenNs) {
    return Math.max(0L, writtenNs - scheduledNs);
  }

  /** The one-line text form; binary payloads as base64. */
  String text(long writtenNs) {
    String body = kind == 'b' ? Base64.getEncoder().encodeToString(payload.bytes) : payload.text;
    return streamId + " " + seq + " " + scheduledNs + " " + lagNs(writtenNs) + " " + kind + " " + Long.toHexString(payload.crc) + " " + body;
  }

  /** The binary form: version 2, kind byte, stream id, seq as a double, scheduled ns, crc, lag. */
  ByteBuffer binary(long writtenNs) {
    ByteBuffer out = ByteBuffer.allocate(32 + payload.bytes.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 2).put((byte) (kind == 'b' ? 3 : kind == 'j' ? 2 : 1)).putShort((short) 0);
    out.putInt((int) streamId).putDouble((double) seq).putLong(scheduledNs).putInt((int) payload.crc);
    out.putInt((int) Math.min(0xffffffffL, lagNs(writtenNs)));
    out.put(payload.bytes);
    out.flip();
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
