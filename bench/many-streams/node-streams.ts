/**
 * Our Node client opening many streams at once: every stream its own connection (HTTP/1.1, TLS,
 * WebSocket), or every stream on one shared session (HTTP/2), as the transport's client does it.
 * No connection pool stands between them and the server, so whatever stalls is the server's doing.
 */
import { nowNs } from '../../clients/clock.js';
import type { ClientTls, Connection } from '../../clients/connection.js';
import { openConnection, prepareTransport } from '../../clients/open-connection.js';
import type { MessageSink } from '../../clients/receiver.js';
import { withDeadline } from '../phase-error.js';
import type { StreamOutcome } from './stream-timings.js';

/** Closing every stream may take this long before the run gives up on them. */
const CLOSE_DEADLINE_MS = 5000;

export interface NodeStreamsOptions {
  transport: string;
  /** One URL per stream, all on one origin. */
  urls: readonly string[];
  stallDeadlineMs: number;
  tls?: ClientTls;
  abort?: AbortSignal;
}

/** A sink that notes only when the first message arrived: nothing else is asked of these streams. */
function firstEventSink(onFirst: (receivedNs: number) => void): MessageSink {
  let seen = false;
  const note = (_: unknown, receivedNs: number) => {
    if (seen) return;
    seen = true;
    onFirst(receivedNs);
  };
  return { onText: note, onBinary: note, onEnd: () => undefined, lastSeq: undefined };
}

/**
 * Opens every URL at once and waits until each stream has had its first event or failed, or the
 * deadline passes; then closes them all. Times are from just before the first open.
 */
export async function openNodeStreams(options: NodeStreamsOptions): Promise<StreamOutcome[]> {
  await prepareTransport(options.transport);
  const outcomes: StreamOutcome[] = options.urls.map(() => ({ firstEventMs: null }));
  let settled = 0;
  let allSettled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const settle = () => ++settled === outcomes.length && allSettled();
  const startNs = nowNs();
  const connections: Connection[] = [];
  try {
    for (const [index, url] of options.urls.entries()) {
      const outcome = outcomes[index]!;
      const sink = firstEventSink((receivedNs) => {
        outcome.firstEventMs = (receivedNs - startNs) / 1e6;
        settle();
      });
      const connection = await openConnection(options.transport, new URL(url), sink, false, undefined, options.tls);
      connection.opened.catch(() => undefined); // its failure arrives through `closed` too
      void connection.closed.then((error) => {
        if (error === undefined || outcome.firstEventMs !== null || outcome.error !== undefined) return;
        outcome.error = error.category;
        settle();
      });
      connections.push(connection);
    }
    await waitUntil(done, options.stallDeadlineMs, options.abort);
  } finally {
    for (const connection of connections) connection.close();
    await withDeadline(Promise.all(connections.map((c) => c.closed)), CLOSE_DEADLINE_MS, 'close').catch(
      () => undefined,
    );
  }
  return outcomes;
}

/** Resolves when `done` does, the deadline passes or the run is aborted, whichever comes first. */
function waitUntil(done: Promise<void>, deadlineMs: number, abort?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      abort?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, deadlineMs);
    abort?.addEventListener('abort', finish, { once: true });
    void done.then(finish);
  });
}
