import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The harness's SSE endpoints on Spring MVC: GET /stream (the envelope stream, resumable with
 * Last-Event-ID), GET|POST /llm (a token stream per prompt) and GET /stats (counters for the runner).
 */
@Controller
public class StreamController {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RequestMapping(value = {"/stream", "/"}, method = RequestMethod.GET)
  public SseEmitter stream(@RequestParam Map<String, String> query, @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
    Publisher.Params params = StreamHub.parse(query);
    SseEmitter emitter = Emitters.create(query.get("emitterTimeout"));
    Publisher publisher = StreamHub.HUB.acquire(params);
    Publisher.Subscriber[] self = new Publisher.Subscriber[1];
    self[0] = new SseSubscriber(emitter, () -> StreamHub.HUB.release(params, publisher, self[0]));
    String resume = lastEventId != null ? lastEventId : query.get("lastEventId");
    publisher.subscribe(self[0], resume == null || resume.isEmpty() ? null : Long.parseLong(resume));
    return emitter;
  }

  @SuppressWarnings("unchecked")
  @RequestMapping(value = "/llm", method = {RequestMethod.GET, RequestMethod.POST})
  public SseEmitter llm(@RequestParam Map<String, String> query, @RequestBody(required = false) String body) throws Exception {
    Map<String, Object> request = body == null || body.isEmpty() ? new HashMap<>(query) : JSON.readValue(body, Map.class);
    Tokens tokens = new Tokens(request);
    SseEmitter emitter = Emitters.create(query.get("emitterTimeout"));
    Stats.CONNECTIONS_OPEN.incrementAndGet();
    Stats.CONNECTIONS_TOTAL.incrementAndGet();
    emitter.onCompletion(Stats.CONNECTIONS_OPEN::decrementAndGet);
    tokens.stream(new Tokens.Sink() {
      @Override
      public void token(Envelope env) throws Exception {
        emitter.send(SseEmitter.event().id(Long.toString(env.seq)).data(env.text(System.nanoTime())));
      }

      @Override
      public void end(long lastSeq) throws Exception {
        emitter.send(SseEmitter.event().name("end").data(Long.toString(lastSeq)));
        emitter.complete();
      }
    }, () -> {
      try {
        emitter.complete();
      } catch (RuntimeException ignored) {
        // already complete
      }
    });
    return emitter;
  }

  @RequestMapping(value = "/stats", method = RequestMethod.GET, produces = "application/json")
  @ResponseBody
  public String stats(@RequestParam(value = "gc", required = false) String gc) throws Exception {
    if ("1".equals(gc)) System.gc();
    Runtime runtime = Runtime.getRuntime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("atNs", System.nanoTime());
    out.put("messagesDelivered", Stats.MESSAGES_DELIVERED.get());
    out.put("connectionsOpen", Stats.CONNECTIONS_OPEN.get());
    out.put("connectionsTotal", Stats.CONNECTIONS_TOTAL.get());
    out.put("emitterTimeouts", Stats.EMITTER_TIMEOUTS.get());
    out.put("sendsAfterComplete", Stats.SENDS_AFTER_COMPLETE.get());
    out.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    out.put("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory());
    return JSON.writeValueAsString(out);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<String> badRequest(IllegalArgumentException error) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body(error.getMessage());
  }
}
