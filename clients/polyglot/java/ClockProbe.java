import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/**
 * Answers every line on stdin with {@link System#nanoTime()}, for the harness's clock check: the
 * harness reads process.hrtime just before writing a line and just after reading the answer, and
 * the same clock must put every answer between the two (a sandwich).
 */
public final class ClockProbe {
  private ClockProbe() {}

  public static void main(String[] argv) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    while (in.readLine() != null) {
      System.out.println(System.nanoTime());
      System.out.flush();
    }
  }
}
