import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** `emitterTimeout=0` is the article's `new SseEmitter(0L)`; `default` its no-argument constructor. */
final class Emitters {
  static final String DEFAULT_CHOICE = System.getProperty("seed.emitterTimeout", "0");

  static SseEmitter create(String choice) {
    String value = choice == null || choice.isEmpty() ? DEFAULT_CHOICE : choice;
    if (value.equals("default")) return new SseEmitter();
    return new SseEmitter(Long.parseLong(value));
  }

  private Emitters() {}
}
