/**
 * The real SSE and WS servers under capture: one bounded stream, received by the same probe the
 * wire cells use, its socket counts set beside the capture's and its bytes beside the sizes the
 * specifications give (stream-known-answers.ts).
 */
import type { PayloadKind } from '../../servers/envelope.js';
import { startWireServer, waitForServerTotals } from './in-process-server.js';
import type { ExchangeOutcome, OpenedExchange, SampleExchange } from './sample-exchange.js';
import { answerStream } from './stream-known-answers.js';
import { runStreamProbe } from './stream-probe.js';
import { buildStreamUrl } from './wire-server-config.js';

/** Enough messages for the sequence numbers to take 1 and 2 digits; few enough to stay quick. */
export const SAMPLE_STREAM_MESSAGES = 50;

/** `sse-stream-text-16`: one stream of `payloadBytes`-byte payloads of `kind` from the real server. */
export function createStreamSample(transport: 'sse' | 'ws', kind: PayloadKind, payloadBytes: number): SampleExchange {
  return { name: `${transport}-stream-${kind}-${payloadBytes}`, open: () => openStreamSample(transport, kind, payloadBytes) };
}

async function openStreamSample(transport: 'sse' | 'ws', kind: PayloadKind, payloadBytes: number): Promise<OpenedExchange> {
  const server = await startWireServer(transport);
  const url = buildStreamUrl(server.url, '/stream', { payloadBytes, kind, count: SAMPLE_STREAM_MESSAGES, ratePerSec: 0 });
  const run = async (): Promise<ExchangeOutcome> => {
    const result = await runStreamProbe({ transport, url, messages: SAMPLE_STREAM_MESSAGES, compression: 'none', parseJson: false, keepMessages: true });
    const { socketBytesUp, socketBytesDown } = result.bytes;
    const serverTotals = await waitForServerTotals(server, { bytesUp: socketBytesUp, bytesDown: socketBytesDown });
    return {
      counts: [{ label: `${transport} stream`, clientPort: result.clientPort, bytesUp: socketBytesUp, bytesDown: socketBytesDown }],
      knownAnswers: answerStream({ transport, binary: kind === 'binary', payloadBytes }, result, serverTotals),
    };
  };
  return { ports: [server.port], run, close: () => server.close() };
}
