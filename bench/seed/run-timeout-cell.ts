/**
 * OBS-1 on the article's server: one Spring server with Tomcat's own async timeout (read from the
 * running connector, never assumed), two streams longer than it, at once: one from
 * `new SseEmitter(0L)`, one from `new SseEmitter()`. Each is read by a fetch()-like observer (when
 * did events stop, did the end marker come, how did the response end) and by the article's Python
 * reader (what the article's own client makes of the cut).
 */
import type { MeasuredRun } from '../families.js';
import type { CellPlan } from '../plan.js';
import { withStartedServer } from '../with-cell-server.js';
import { startJavaServer } from './java-server-process.js';
import { runPythonClient } from './seed-clients.js';
import { observeStream, type ObservedStream } from './stream-observer.js';

/** Gap between events: long enough that the stream is mostly idle, short enough to time the cut to it. */
const EVENT_INTERVAL_MS = 250;
/** How far past the container's timeout the streams run. */
const PAST_TIMEOUT_MS = 3000;

function endingCode(ending: string): number {
  return ending === 'complete' ? 0 : ending === 'reset' ? 1 : ending === 'deadline' ? 3 : 2;
}

function describe(observed: ObservedStream): string {
  return `${observed.eventArrivalsMs.length} events, end marker ${observed.endMarkerSeen ? 'seen' : 'not seen'}, response ended ${observed.ending} at ${(observed.endedAtMs / 1000).toFixed(2)} s`;
}

export function runTimeoutCell(
  _cell: CellPlan,
  abort: AbortSignal,
  options: { asyncTimeoutMs?: number } = {},
): Promise<MeasuredRun> {
  return withStartedServer(
    () => startJavaServer(options.asyncTimeoutMs !== undefined ? { asyncTimeoutMs: options.asyncTimeoutMs } : {}),
    async (server) => {
      const timeoutMs = server.info.asyncTimeoutMs;
      const count = Math.ceil((timeoutMs + PAST_TIMEOUT_MS) / EVENT_INTERVAL_MS);
      const url = (choice: string) =>
        `${new URL(server.url).origin}/article/chat?count=${count}&delayMs=${EVENT_INTERVAL_MS}&emitterTimeout=${choice}`;
      const deadlineMs = count * EVENT_INTERVAL_MS + 10_000;
      const [zero, fallback, pyZero, pyDefault] = await Promise.all([
        observeStream(url('0'), { deadlineMs }),
        observeStream(url('default'), { deadlineMs }),
        runPythonClient('article', url('0'), { deadlineMs, abort }),
        runPythonClient('article', url('default'), { deadlineMs, abort }),
      ]);
      const stats = await server.stats();
      const lastEvent = (o: ObservedStream) => o.eventArrivalsMs.at(-1) ?? -1;
      const metrics: Record<string, number> = {
        container_async_timeout_ms: timeoutMs,
        stream_events_sent: count,
        emitter_zero_events: zero.eventArrivalsMs.length,
        emitter_zero_end_marker: zero.endMarkerSeen ? 1 : 0,
        emitter_zero_ended_ms: zero.endedAtMs,
        emitter_default_events: fallback.eventArrivalsMs.length,
        emitter_default_end_marker: fallback.endMarkerSeen ? 1 : 0,
        emitter_default_cut_ms: fallback.endMarkerSeen ? -1 : fallback.endedAtMs,
        emitter_default_last_event_ms: lastEvent(fallback),
        emitter_default_ending_code: endingCode(fallback.ending),
        emitter_default_status: fallback.status,
        emitter_timeouts_server: stats.emitterTimeouts,
        sends_after_complete_server: stats.sendsAfterComplete,
        python_article_zero_events: pyZero.data_events,
        python_article_zero_end_marker: pyZero.end_seen ? 1 : 0,
        python_article_default_events: pyDefault.data_events,
        python_article_default_end_marker: pyDefault.end_seen ? 1 : 0,
        python_article_default_error: pyDefault.error === null ? 0 : 1,
        java_server_threads: stats.threads,
      };
      const warnings = [
        `SseEmitter(0L): ${describe(zero)}`,
        `SseEmitter(): ${describe(fallback)} (HTTP ${fallback.status}; Tomcat asyncTimeout ${timeoutMs} ms)`,
        `article's Python reader, SseEmitter(): ${pyDefault.data_events} events, end marker ${pyDefault.end_seen ? 'seen' : 'not seen'}, ${pyDefault.error ?? 'no error raised'}`,
      ];
      return {
        metrics,
        histograms: {},
        errorCounts: {},
        warnings,
        serverConfig: {
          impl: 'java',
          system: `Spring ${server.info.spring.replace(/\.RELEASE$/, '')} SseEmitter(0L) and SseEmitter() on Tomcat ${server.info.tomcat.replace(/\.0$/, '')} (asyncTimeout ${timeoutMs} ms, Java ${server.info.java})`,
          client: `fetch()-like observer and the article's Python reader (requests ${pyZero.requests}, Python ${pyZero.python})`,
          ...server.info,
        },
      };
    },
    abort,
  );
}
