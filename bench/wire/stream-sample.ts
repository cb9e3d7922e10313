/**
 * The real SSE and WS servers under capture: one bounded stream, received by the same probe the
 * wire cells use, its socket counts set beside the capture's and its bytes beside the sizes the
 * specifications give (stream-known-answers.ts). Over TLS the server logs its session secrets, the
 * capture is decrypted with them, and the application bytes inside are compared as well.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PayloadKind } from '../../servers/envelope.js';
import { runCertificate } from '../../servers/tls-files.js';
import { transportNamed, type TransportName } from '../../transports/registry.js';
import { startWireServer, waitForServerTotals } from './in-process-server.js';
import type { ExchangeOutcome, OpenedExchange, SampleExchange } from './sample-exchange.js';
import { answerStream } from './stream-known-answers.js';
import { runStreamProbe } from './stream-probe.js';
import { buildStreamUrl } from './wire-server-config.js';
import { SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

/** Enough messages for the sequence numbers to take 1 and 2 digits; few enough to stay quick. */
export const SAMPLE_STREAM_MESSAGES = 50;

/** `sse-stream-text-16`: one stream of `payloadBytes`-byte payloads of `kind` from the real server. */
export function createStreamSample(transport: TransportName, kind: PayloadKind, payloadBytes: number): SampleExchange {
  return {
    name: `${transport}-stream-${kind}-${payloadBytes}`,
    open: () => openStreamSample(transport, kind, payloadBytes),
  };
}

/** A TLS server's certificate and a key log of its own, in a folder removed when the sample closes. */
function tlsForSample(): { files: ReturnType<typeof runCertificate> & { keyLogFile: string }; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wire-keylog-'));
  return {
    files: { ...runCertificate(), keyLogFile: path.join(dir, 'keys.log') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function openStreamSample(
  transport: TransportName,
  kind: PayloadKind,
  payloadBytes: number,
): Promise<OpenedExchange> {
  const { family, capabilities } = transportNamed(transport);
  const tls = capabilities.tls ? tlsForSample() : undefined;
  const server = await startWireServer(transport, tls ? { tls: tls.files } : {});
  const url = buildStreamUrl(server.url, '/stream', {
    payloadBytes,
    kind,
    count: SAMPLE_STREAM_MESSAGES,
    ratePerSec: 0,
  });
  const run = async (): Promise<ExchangeOutcome> => {
    const result = await runStreamProbe({
      transport,
      url,
      messages: SAMPLE_STREAM_MESSAGES,
      compression: 'none',
      parseJson: false,
      keepMessages: true,
      ...(tls ? { tls: { caFile: tls.files.certFile } } : {}),
    });
    const app = { bytesUp: result.bytes.socketBytesUp, bytesDown: result.bytes.socketBytesDown };
    const wire = result.tls ? { bytesUp: result.tls.wireBytesUp, bytesDown: result.tls.wireBytesDown } : app;
    const serverTotals = await waitForServerTotals(server, wire);
    return {
      counts: [
        { label: `${transport} stream`, clientPort: result.clientPort, ...wire, ...(result.tls ? { app } : {}) },
      ],
      knownAnswers: answerStream(
        { family: family === WS_FAMILY ? WS_FAMILY : SSE_FAMILY, binary: kind === 'binary', payloadBytes },
        result,
        serverTotals,
      ),
    };
  };
  const close = async (): Promise<void> => {
    await server.close();
    tls?.remove();
  };
  return { ports: [server.port], ...(tls ? { keyLogFile: tls.files.keyLogFile } : {}), run, close };
}
