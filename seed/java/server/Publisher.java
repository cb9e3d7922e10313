import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One stream's open-loop schedule, shared by every subscriber (broadcast), as servers/publisher.ts:
 * message n is scheduled at start + (n-1)/rate and stamped with that time however late it goes out.
 * rate 0 runs closed-loop: the next batch is made once every subscriber's lane has drained.
 * Each subscriber has its own serial lane on the shared send pool, so a slow connection delays only
 * itself. A replay buffer serves Last-Event-ID (SSE) and ?from= (WS) resumes.
 */
final class Publisher {
  /** What a connection does with the stream; called on its own lane, one call at a time. */
  interface Subscriber {
    void deliver(List<Envelope> batch) throws Exception;
    void end(long lastSeq) throws Exception;
    void fail(Throwable error);
  }

  static final class Params {
    final long streamId;
    final int rate;
    final int size;
    final char kind;
    final long count;

    Params(long streamId, int rate, int size, char kind, long count) {
      this.streamId = streamId;
      this.rate = rate;
      this.size = size;
      this.kind = kind;
      this.count = count;
    }

    String key() {
      return streamId + "/" + rate + "/" + size + "/" + kind + "/" + count;
    }
  }

  private static final int REPLAY_CAPACITY = 65_536;
  private static final int CLOSED_LOOP_BATCH = 64;

  private final Params params;
  private final List<Payloads.Payload> pool;
  private final CopyOnWriteArrayList<Registration> subscribers = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Envelope> replay = new ArrayDeque<>();
  private final Object lock = new Object();
  private volatile boolean running;
  private boolean ended;
  private long nextSeq = 1;
  private Thread thread;

  private static final class Registration {
    final Subscriber subscriber;
    final SerialLane lane;

    Registration(Subscriber subscriber, SerialLane lane) {
      this.subscriber = subscriber;
      this.lane = lane;
    }
  }

  Publisher(Params params) {
    this.params = params;
    this.pool = Payloads.pool(params.kind, params.size);
  }

  void subscribe(Subscriber subscriber, Long afterSeq) {
    SerialLane lane = new SerialLane(SendPool.POOL);
    Registration registration = new Registration(subscriber, lane);
    synchronized (lock) {
      if (afterSeq != null) {
        List<Envelope> missed = new ArrayList<>();
        for (Envelope env : replay) if (env.seq > afterSeq) missed.add(env);
        if (!missed.isEmpty()) submit(registration, missed);
      }
      if (ended) {
        long last = nextSeq - 1;
        lane.submit(() -> endQuietly(registration, last));
        return;
      }
      subscribers.add(registration);
      if (!running) {
        running = true;
        thread = new Thread(this::run, "publisher-" + params.key());
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  void unsubscribe(Subscriber subscriber) {
    subscribers.removeIf(r -> r.subscriber == subscriber);
  }

  boolean idle() {
    return subscribers.isEmpty();
  }

  void stop() {
    running = false;
    if (thread != null) LockSupport.unpark(thread);
  }

  private void submit(Registration registration, List<Envelope> batch) {
    registration.lane.submit(() -> {
      try {
        registration.subscriber.deliver(batch);
      } catch (Throwable error) {
        subscribers.remove(registration);
        registration.subscriber.fail(error);
      }
    });
  }

  private void endQuietly(Registration registration, long lastSeq) {
    try {
      registration.subscriber.end(lastSeq);
    } catch (Throwable error) {
      registration.subscriber.fail(error);
    }
  }

  private Envelope make(long seq, long scheduledNs) {
    return new Envelope(params.streamId, seq, scheduledNs, params.kind, pool.get((int) ((seq - 1) % pool.size())));
  }

  private boolean lanesDrained() {
    for (Registration r : subscribers) if (r.lane.pending() > 1) return false;
    return true;
  }

  private void run() {
    long startNs = System.nanoTime();
    double intervalNs = params.rate > 0 ? 1e9 / params.rate : 0;
    while (running) {
      List<Envelope> batch = new ArrayList<>();
      if (params.rate > 0) {
        long dueNs = startNs + (long) ((nextSeq - 1) * intervalNs);
        PreciseWait.until(dueNs);
        long now = System.nanoTime();
        while ((params.count == 0 || nextSeq <= params.count) && startNs + (long) ((nextSeq - 1) * intervalNs) <= now) {
          batch.add(make(nextSeq, startNs + (long) ((nextSeq - 1) * intervalNs)));
          nextSeq++;
        }
      } else {
        if (!lanesDrained()) {
          LockSupport.parkNanos(50_000);
          continue;
        }
        long now = System.nanoTime();
        for (int i = 0; i < CLOSED_LOOP_BATCH && (params.count == 0 || nextSeq <= params.count); i++) batch.add(make(nextSeq++, now));
      }
      synchronized (lock) {
        for (Envelope env : batch) {
          replay.addLast(env);
          if (replay.size() > REPLAY_CAPACITY) replay.removeFirst();
        }
        if (!batch.isEmpty()) for (Registration r : subscribers) submit(r, batch);
        if (params.count > 0 && nextSeq > params.count) {
          ended = true;
          running = false;
          long last = nextSeq - 1;
          for (Registration r : subscribers) r.lane.submit(() -> endQuietly(r, last));
          subscribers.clear();
        }
      }
    }
  }
}
