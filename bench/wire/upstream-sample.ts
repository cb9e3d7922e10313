/**
 * Upstream messages to the real servers under capture, both ways a client sends them: WS frames on
 * the stream's socket, and an HTTP POST per message (autocannon). Every connection is set beside the
 * capture; the bytes beside the sizes RFC 6455 and RFC 9112 give.
 */
import { encodeUpstreamAck } from '../../servers/upstream-endpoints.js';
import { wsFrameBytes } from './frame-sizes.js';
import { startWireServer, waitForServerTotals } from './in-process-server.js';
import { UPSTREAM_CONTENT_TYPE } from './post-upstream-probe.js';
import type { ExchangeOutcome, KnownAnswer, OpenedExchange, SampleExchange } from './sample-exchange.js';
import { runUpstreamProbe, type UpstreamMethod, type UpstreamProbeResult } from './upstream-probe.js';
import { buildStreamUrl } from './wire-server-config.js';
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';

const SAMPLE_UPSTREAM = { messages: 40, inFlight: 2, payloadBytes: 16 };
/** A slow downstream: the point here is the upstream bytes, with a stream open beside them. */
const SAMPLE_DOWNSTREAM = { payloadBytes: 16, kind: 'text' as const, count: 0, ratePerSec: 200 };

/** `ws-upstream` or `sse-post-upstream`. */
export function createUpstreamSample(method: UpstreamMethod): SampleExchange {
  return { name: method === 'ws-frames' ? 'ws-upstream' : 'sse-post-upstream', open: () => openUpstreamSample(method) };
}

async function openUpstreamSample(method: UpstreamMethod): Promise<OpenedExchange> {
  const server = await startWireServer(plainTransportOf(method === 'ws-frames' ? WS_FAMILY : SSE_FAMILY));
  const streamUrl = buildStreamUrl(server.url, method === 'ws-frames' ? '/upstream' : '/stream', SAMPLE_DOWNSTREAM);
  const postUrl = new URL('/upstream', server.url);
  const run = async (): Promise<ExchangeOutcome> => {
    const result = await runUpstreamProbe({ method, streamUrl, postUrl: postUrl.href, ...SAMPLE_UPSTREAM });
    const client = result.connections.reduce(
      (total, c) => ({ bytesUp: total.bytesUp + c.bytesUp, bytesDown: total.bytesDown + c.bytesDown }),
      { bytesUp: 0, bytesDown: 0 },
    );
    const serverTotals = await waitForServerTotals(server, client);
    const answers = method === 'ws-frames' ? answerWsUpstream(result) : answerPostUpstream(result, postUrl);
    return {
      counts: result.connections,
      knownAnswers: [
        ...answers,
        {
          name: 'server read = client wrote (all connections)',
          expectedBytes: client.bytesUp,
          measuredBytes: serverTotals.bytesRead,
        },
        {
          name: 'server wrote = client read (all connections)',
          expectedBytes: client.bytesDown,
          measuredBytes: serverTotals.bytesWritten,
        },
      ],
    };
  };
  return { ports: [server.port], run, close: () => server.close() };
}

function answerWsUpstream(result: UpstreamProbeResult): KnownAnswer[] {
  const ackBytes = Buffer.byteLength(encodeUpstreamAck(1));
  return [
    {
      name: 'upstream = N × wsFrameBytes(body, masked) (RFC 6455 §5.2, §5.3)',
      expectedBytes: result.messages * wsFrameBytes(result.bodyBytes, { masked: true }),
      measuredBytes: result.upstreamBytesUp,
    },
    {
      name: 'acks = N × wsFrameBytes(!ack 1, unmasked)',
      expectedBytes: result.messages * wsFrameBytes(ackBytes, { masked: false }),
      measuredBytes: result.ackBytesDown,
    },
  ];
}

/**
 * RFC 9112 §2.1 and §3: a request is its request line, one `name: value` line per field, an empty
 * line, then the body; the fields are the four autocannon sends (Host, Connection, Content-Type,
 * Content-Length). Every POST carries them all.
 */
function answerPostUpstream(result: UpstreamProbeResult, postUrl: URL): KnownAnswer[] {
  const lines = [
    `POST ${postUrl.pathname} HTTP/1.1`,
    `Host: ${postUrl.host}`,
    'Connection: keep-alive',
    `Content-Type: ${UPSTREAM_CONTENT_TYPE}`,
    `Content-Length: ${result.bodyBytes}`,
  ];
  const headBytes = lines.reduce((total, line) => total + Buffer.byteLength(line) + 2, 0) + 2;
  return [
    {
      name: 'upstream = N × (request head + body) (RFC 9112 §2.1)',
      expectedBytes: result.messages * (headBytes + result.bodyBytes),
      measuredBytes: result.upstreamBytesUp,
    },
  ];
}
