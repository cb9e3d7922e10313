import java.net.URI;

/**
 * The command line both Java clients share, matching the Python clients' flags:
 * {@code URL [--count N] [--duration-ms N] [--warmup-count N] [--expect-first-seq N]
 * [--method GET|POST] [--body JSON]}.
 */
final class ClientArgs {
  URI url;
  /** Stop after this many messages; 0 = until the end marker or the duration. */
  long count;
  long durationMs = 10_000;
  /** Messages checked for integrity but left out of the latency figures. */
  int warmupCount;
  /** -1 = the first message received starts the sequence. */
  long expectFirstSeq = -1;
  String method = "GET";
  String body;

  /** A bad command line: the message names the flag; the client exits 2 with it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static ClientArgs parse(String[] argv) throws UsageException {
    ClientArgs args = new ClientArgs();
    for (int i = 0; i < argv.length; i++) {
      String flag = argv[i];
      if (!flag.startsWith("--")) {
        if (args.url != null) throw new UsageException("more than one URL: " + flag);
        args.url = URI.create(flag);
        continue;
      }
      if (i + 1 >= argv.length) throw new UsageException(flag + " needs a value");
      String value = argv[++i];
      switch (flag) {
        case "--count" -> args.count = nonNegative(flag, value);
        case "--duration-ms" -> args.durationMs = nonNegative(flag, value);
        case "--warmup-count" -> args.warmupCount = (int) nonNegative(flag, value);
        case "--expect-first-seq" -> args.expectFirstSeq = nonNegative(flag, value);
        case "--method" -> args.method = oneOf(flag, value, "GET", "POST");
        case "--body" -> args.body = value;
        default -> throw new UsageException("unknown flag " + flag);
      }
    }
    if (args.url == null) throw new UsageException("the stream URL is required");
    return args;
  }

  private static long nonNegative(String flag, String value) throws UsageException {
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) return parsed;
    } catch (NumberFormatException ignored) {
      // reported below with the flag's name
    }
    throw new UsageException(flag + " must be an integer >= 0, got " + value);
  }

  private static String oneOf(String flag, String value, String... allowed) throws UsageException {
    for (String option : allowed) if (option.equals(value)) return value;
    throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ", got " + value);
  }
}
