/**
 * Warms a fresh server before a cell's measured runs: one short bounded stream read to its end.
 * A cell measures the same server twice (direct and through the proxy), and without this the first
 * of the two pays for the server's cold code paths alone, which shows as a proxy that "speeds up"
 * the time to the first message.
 */
import type { ClientTls } from '../../clients/connection.js';
import { openConnection } from '../../clients/open-connection.js';
import type { MessageSink } from '../../clients/receiver.js';
import type { TransportName } from '../../servers/server-config.js';
import { PhaseError } from '../phase-error.js';

const PRIME_DEADLINE_MS = 5000;
/** A stream id no scenario uses, so the warm-up shares no publisher with the measured streams. */
const PRIME_STREAM_ID = 0xfffe;

/** Reads `messages` messages of a stream of its own from the server at `serverUrl` (a TLS one trusted by `tls`), then closes. */
export async function primeServer(
  transport: TransportName,
  serverUrl: string,
  tls?: ClientTls,
  messages = 20,
): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/stream';
  url.search = `stream=${PRIME_STREAM_ID}&rate=0&count=${messages}&size=64`;
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const sink: MessageSink = {
    onText: () => undefined,
    onBinary: () => undefined,
    onEnd: () => ended(),
    lastSeq: undefined,
  };
  const connection = await openConnection(transport, url, sink, false, undefined, tls);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new PhaseError('timeout:prime', `priming the server at ${url.href} took over ${PRIME_DEADLINE_MS} ms`)),
      PRIME_DEADLINE_MS,
    );
  });
  try {
    const failed = connection.closed.then((error) => {
      if (error !== undefined)
        throw new PhaseError('server-start', `priming the server failed: ${error.category}: ${error.message}`);
    });
    await Promise.race([done, failed, deadline]);
  } finally {
    clearTimeout(timer);
    connection.close();
  }
}
