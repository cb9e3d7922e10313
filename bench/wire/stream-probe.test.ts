/**
 * The probe against the real servers (in this process): the bytes it places must be the sizes the
 * specifications give, the same on every run, and compression must be negotiated and do what it
 * claims. Figures worked by hand are written out; the rest come from frame-sizes.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import { BINARY_HEADER_BYTES, type PayloadKind } from '../../servers/envelope.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { base64Bytes } from './frame-sizes.js';
import { startWireServer, waitForServerTotals } from './in-process-server.js';
import { answerStream } from './stream-known-answers.js';
import { runStreamProbe, type StreamProbeResult, type WireCompression } from './stream-probe.js';
import { buildStreamUrl } from './wire-server-config.js';

const MESSAGES = 200;
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

interface ProbeCase {
  transport: 'sse' | 'ws';
  kind: PayloadKind;
  payloadBytes: number;
  compression?: WireCompression;
  server?: Partial<ServerConfig>;
}

async function probe(spec: ProbeCase): Promise<{ result: StreamProbeResult; server: RunningServer }> {
  const server = await startWireServer(spec.transport, spec.server);
  servers.push(server);
  const url = buildStreamUrl(server.url, '/stream', {
    payloadBytes: spec.payloadBytes,
    kind: spec.kind,
    count: MESSAGES,
    ratePerSec: 0,
  });
  const result = await runStreamProbe({
    transport: spec.transport,
    url,
    messages: MESSAGES,
    compression: spec.compression ?? 'none',
    parseJson: spec.kind === 'json',
    keepMessages: true,
  });
  return { result, server };
}

const perMessage = (total: number): number => total / MESSAGES;

describe('known answers at 16 B and 1 KiB (text)', () => {
  for (const transport of ['sse', 'ws'] as const) {
    for (const payloadBytes of [16, 1024]) {
      it(`${transport} ${payloadBytes} B: measured bytes equal the specification's, and the server's count`, async () => {
        const { result, server } = await probe({ transport, kind: 'text', payloadBytes });
        const totals = await waitForServerTotals(server, {
          bytesUp: result.bytes.socketBytesUp,
          bytesDown: result.bytes.socketBytesDown,
        });
        const answers = answerStream({ family: transport, binary: false, payloadBytes }, result, totals);
        expect(answers.filter((answer) => answer.expectedBytes !== answer.measuredBytes)).toEqual([]);
        expect(answers.length).toBeGreaterThanOrEqual(5);
      });
    }
  }

  it('SSE framing per message: 13 B of field names and line endings; chunk framing 6 B at 16 B, 7 B at 1 KiB', async () => {
    // "id: " 4 + "\n" + "data: " 6 + "\n" + "\n"; an event of 16..255 bytes has a 2-digit hex size, 256..4095 a 3-digit one, + 2 CRLFs.
    const small = (await probe({ transport: 'sse', kind: 'text', payloadBytes: 16 })).result.bytes.parts;
    const large = (await probe({ transport: 'sse', kind: 'text', payloadBytes: 1024 })).result.bytes.parts;
    expect(perMessage(small.sseFieldBytes)).toBe(13);
    expect(perMessage(small.chunkFramingBytes)).toBe(6);
    expect(perMessage(large.chunkFramingBytes)).toBe(7);
    // Sequence numbers 1..200: 9 × 1 + 90 × 2 + 101 × 3 digits.
    expect(small.sseIdBytes).toBe(9 + 180 + 303);
  });

  it('WS framing per message: a 2-byte header at 16 B, 4 bytes at 1 KiB, nothing else', async () => {
    const small = (await probe({ transport: 'ws', kind: 'text', payloadBytes: 16 })).result.bytes.parts;
    const large = (await probe({ transport: 'ws', kind: 'text', payloadBytes: 1024 })).result.bytes.parts;
    expect(perMessage(small.wsHeaderBytes)).toBe(2);
    expect(perMessage(large.wsHeaderBytes)).toBe(4);
    expect(small.sseFieldBytes + small.chunkFramingBytes).toBe(0);
  });
});

describe('binary payloads', () => {
  it('SSE carries base64: 4/3 of the payload (1,368 characters for 1,024 bytes), WS the bytes themselves', async () => {
    const sse = (await probe({ transport: 'sse', kind: 'binary', payloadBytes: 1024 })).result.bytes;
    const ws = (await probe({ transport: 'ws', kind: 'binary', payloadBytes: 1024 })).result.bytes;
    expect(perMessage(sse.parts.payloadOnWireBytes)).toBe(base64Bytes(1024));
    expect(perMessage(sse.parts.payloadOnWireBytes - sse.parts.payloadBytes)).toBe(344);
    expect(perMessage(ws.parts.payloadOnWireBytes)).toBe(1024);
    expect(perMessage(ws.parts.envelopeBytes)).toBe(BINARY_HEADER_BYTES);
    // The whole message: base64 plus SSE's envelope and framing against the raw payload in a 4-byte-header frame.
    expect(sse.messageBytesDown / ws.messageBytesDown).toBeGreaterThan(1.3);
    expect(sse.messageBytesDown / ws.messageBytesDown).toBeLessThan(4 / 3 + 0.05);
  });
});

describe('compression', () => {
  const plainAndCompressed = async (transport: 'sse' | 'ws', kind: PayloadKind) => {
    const compression: WireCompression = transport === 'sse' ? 'gzip' : 'deflate';
    const server: Partial<ServerConfig> =
      transport === 'sse' ? { sseContentEncoding: 'gzip' } : { perMessageDeflate: true };
    const plain = (await probe({ transport, kind, payloadBytes: 1024 })).result.bytes;
    const compressed = (await probe({ transport, kind, payloadBytes: 1024, compression, server })).result.bytes;
    return { plain, compressed };
  };

  it('SSE gzip is negotiated (Content-Encoding: gzip) and shrinks repetitive JSON', async () => {
    const { plain, compressed } = await plainAndCompressed('sse', 'json');
    expect(compressed).toMatchObject({
      negotiated: 'gzip',
      compressed: true,
      messages: MESSAGES,
      unattributedBytesDown: 0,
    });
    // The same events decoded as sent plain, but for the envelope's write-lag digits (1 to 7 for a lag under
    // 10 ms), which vary run to run.
    expect(Math.abs(compressed.decodedMessageBytes - plain.compressedMessageBytes)).toBeLessThanOrEqual(MESSAGES * 7);
    expect(compressed.messageBytesDown / plain.messageBytesDown).toBeLessThan(0.5);
  });

  it('WS permessage-deflate is negotiated and shrinks repetitive JSON', async () => {
    const { plain, compressed } = await plainAndCompressed('ws', 'json');
    expect(compressed).toMatchObject({
      negotiated: 'permessage-deflate',
      compressed: true,
      messages: MESSAGES,
      unattributedBytesDown: 0,
    });
    expect(compressed.messageBytesDown / plain.messageBytesDown).toBeLessThan(0.5);
  });

  it('random bytes do not compress: deflate gains nothing over WS binary; gzip only takes back base64', async () => {
    const ws = await plainAndCompressed('ws', 'binary');
    const sse = await plainAndCompressed('sse', 'binary');
    expect(ws.compressed.messageBytesDown / ws.plain.messageBytesDown).toBeGreaterThan(0.99);
    // Under gzip the base64 shrinks back towards its 6 bits a character, never below the raw payload.
    expect(sse.compressed.compressedMessageBytes).toBeGreaterThan(MESSAGES * 1024);
    expect(sse.compressed.messageBytesDown).toBeLessThan(sse.plain.messageBytesDown);
  });

  it('a client that does not accept gzip gets the stream uncompressed, and the probe says so', async () => {
    const server = await startWireServer('sse', { sseContentEncoding: 'gzip' });
    servers.push(server);
    const url = buildStreamUrl(server.url, '/stream', { payloadBytes: 16, kind: 'text', count: 10, ratePerSec: 0 });
    const plain = await runStreamProbe({ transport: 'sse', url, messages: 10, compression: 'none', parseJson: false });
    expect(plain.bytes.negotiated).toBe('identity');
  });
});

describe('determinism', () => {
  for (const transport of ['sse', 'ws'] as const) {
    it(`${transport}: two runs place the same bytes`, async () => {
      const first = (await probe({ transport, kind: 'text', payloadBytes: 16 })).result.bytes;
      const second = (await probe({ transport, kind: 'text', payloadBytes: 16 })).result.bytes;
      const clockIndependent = (bytes: typeof first) => ({
        ...bytes.parts,
        envelopeBytes: 0,
        fixed: bytes.fixedBytesDown,
        fixedUp: bytes.fixedBytesUp,
        handshakeDown: bytes.handshakeBytesDown,
        messages: bytes.messages,
      });
      expect(clockIndependent(second)).toEqual(clockIndependent(first));
      // The envelope's decimal clock and write lag vary in width from run to run; every other byte does not.
      expect(second.messageBytesDown - second.parts.envelopeBytes).toBe(
        first.messageBytesDown - first.parts.envelopeBytes,
      );
    });
  }
});
