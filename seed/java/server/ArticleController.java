import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The article's controller, as written: an SseEmitter per request, a ThreadPoolExecutor made per
 * request (never shut down, so each request leaves a core thread behind: /stats counts threads),
 * send() from the pool, complete() at the end, completeWithError() on IOException or
 * InterruptedException, which is all its catch names.
 */
@Controller
public class ArticleController {
  /** Verbatim: one character of `name` every 100 ms. */
  @GetMapping(value = "sseEmitterTest")
  @org.springframework.web.bind.annotation.ResponseBody
  public Object sseEmitterTest(@RequestParam(value = "name") String name) {
    SseEmitter sseEmitter = new SseEmitter(0L);
    BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    ThreadPoolExecutor threadPoolExecutor = new ThreadPoolExecutor(10, 50, 60L, TimeUnit.SECONDS, queue);
    threadPoolExecutor.execute(() -> {
      char[] charArray = name.toCharArray();
      for (char charStr : charArray) {
        try {
          sseEmitter.send(new String(new char[] {charStr}));
          Thread.sleep(100);
        } catch (IOException | InterruptedException e) {
          sseEmitter.completeWithError(e);
        }
      }
      sseEmitter.complete();
    });
    return sseEmitter;
  }

  /**
   * The API the article's clients call: POST with `Accept: text/event-stream` and a JSON body,
   * answered with `{"code":200,"data":…}` events (data: an envelope line, so each can be timed and
   * checked) and `{"code":-200}` at the end. `emitterTimeout=0|default|<ms>` picks the constructor;
   * `count`, `delayMs` (between events, open loop) and `size` shape the stream.
   */
  @PostMapping(value = "/article/chat")
  @org.springframework.web.bind.annotation.ResponseBody
  public Object chat(@RequestParam Map<String, String> query, @RequestBody(required = false) Map<String, Object> body) {
    SseEmitter sseEmitter = Emitters.create(query.get("emitterTimeout"));
    long count = StreamHub.readLong(query, "count", 50, 1, 10_000_000);
    long delayNs = StreamHub.readLong(query, "delayMs", 100, 0, 600_000) * 1_000_000L;
    int size = (int) StreamHub.readLong(query, "size", 64, 1, 1 << 20);
    List<Payloads.Payload> pool = Payloads.pool('t', size);
    Stats.CONNECTIONS_OPEN.incrementAndGet();
    Stats.CONNECTIONS_TOTAL.incrementAndGet();
    sseEmitter.onCompletion(Stats.CONNECTIONS_OPEN::decrementAndGet);
    sseEmitter.onTimeout(Stats.EMITTER_TIMEOUTS::incrementAndGet);
    BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    ThreadPoolExecutor threadPoolExecutor = new ThreadPoolExecutor(10, 50, 60L, TimeUnit.SECONDS, queue);
    threadPoolExecutor.execute(() -> {
      long startNs = System.nanoTime();
      try {
        for (long seq = 1; seq <= count; seq++) {
          try {
            long due = startNs + (seq - 1) * delayNs;
            PreciseWait.until(due);
            Envelope env = new Envelope(1, seq, due, 't', pool.get((int) ((seq - 1) % pool.size())));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("code", 200);
            message.put("data", env.text(System.nanoTime()));
            sseEmitter.send(message);
            Stats.MESSAGES_DELIVERED.incrementAndGet();
          } catch (IOException e) {
            sseEmitter.completeWithError(e);
            return;
          }
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("code", -200);
        sseEmitter.send(end);
        sseEmitter.complete();
      } catch (IOException e) {
        sseEmitter.completeWithError(e);
      } catch (IllegalStateException e) {
        // What the article's catch lets through: send() on an emitter the container already timed out.
        Stats.SENDS_AFTER_COMPLETE.incrementAndGet();
      }
    });
    return sseEmitter;
  }

  /** A String with a line break sent as SseEmitter data: what Spring 4.3 puts on the wire. */
  @GetMapping(value = "/article/multiline")
  @org.springframework.web.bind.annotation.ResponseBody
  public Object multiline() throws IOException {
    SseEmitter sseEmitter = new SseEmitter(0L);
    sseEmitter.send("first line\nsecond line");
    sseEmitter.send(SseEmitter.event().comment("a comment, as a heartbeat would be sent"));
    sseEmitter.send("after the comment");
    sseEmitter.complete();
    return sseEmitter;
  }
}
