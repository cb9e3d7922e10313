import { once } from 'node:events';
import { constants, createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attributeSseStream } from './sse-stream-bytes.js';

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
const GZIP_HEAD = 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n';
const TERMINATOR = '0\r\n\r\n';

function chunk(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}

/** A response as a client reads it; the request was `requestBytes` long. */
function connection(parts: readonly Buffer[], requestBytes = 100) {
  const down = Buffer.concat(parts);
  return {
    down,
    socketBytesDown: down.length,
    socketBytesUp: requestBytes,
    handshakeBytesUp: requestBytes,
    upstreamBytesUp: 0,
  };
}

const event = (seq: number, kindCode = 't', payload = 'hi'): string =>
  `id: ${seq}\ndata: 0 ${seq} 5 0 ${kindCode} ab ${payload}\n\n`;

describe('attributeSseStream: uncompressed', () => {
  // Worked by hand: each event is "id: N\n" (4 + 1 field bytes, 1 id byte) and "data: 0 N 5 0 t ab hi\n"
  // (6 + 1 field bytes, 15 value bytes: 13 envelope + 2 payload), then "\n": 29 bytes.
  const raw = connection([
    Buffer.from(HEAD),
    chunk('retry: 1000\n\n'),
    chunk(event(1)),
    chunk(event(2) + event(3)),
    chunk('event: end\ndata: 3\n\n'),
    Buffer.from(TERMINATOR),
  ]);
  const bytes = attributeSseStream(raw);

  it('finds the messages and their parts', () => {
    expect(bytes.messages).toBe(3);
    // 3 events × 29, plus the framing of the two chunks that carry them: "1d\r\n…\r\n" and "3a\r\n…\r\n", 6 each.
    expect(bytes.messageBytesDown).toBe(3 * 29 + 6 + 6);
    expect(bytes.parts).toEqual({
      sseFieldBytes: 3 * 13,
      sseIdBytes: 3,
      chunkFramingBytes: 12,
      wsHeaderBytes: 0,
      envelopeBytes: 3 * 13,
      payloadOnWireBytes: 3 * 2,
      payloadBytes: 3 * 2,
    });
  });

  it('pays the retry chunk (18), the end chunk (26) and the last chunk (5) once per stream', () => {
    expect(bytes.fixedBytesDown).toBe(18 + 26 + 5);
  });

  it('measures the head, and places every byte', () => {
    expect(bytes.handshakeBytesDown).toBe(HEAD.length);
    expect(bytes.handshakeBytesUp).toBe(100);
    expect(bytes.unattributedBytesDown).toBe(0);
    expect(bytes.negotiated).toBe('identity');
    expect(bytes.compressed).toBe(false);
  });

  it('counts base64 payloads by the bytes they decode to', () => {
    const binary = attributeSseStream(
      connection([Buffer.from(HEAD), chunk(event(1, 'b', 'AQID')), Buffer.from(TERMINATOR)]),
    );
    expect(binary.parts).toMatchObject({ payloadOnWireBytes: 4, payloadBytes: 3 });
  });

  it('reports bytes the socket read that the tap did not see', () => {
    expect(attributeSseStream({ ...raw, socketBytesDown: raw.down.length + 7 }).unattributedBytesDown).toBe(7);
  });

  it('refuses a response that is not chunked', () => {
    expect(() =>
      attributeSseStream(connection([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc')])),
    ).toThrow(/not chunked/);
  });
});

/** A gzip stream flushed after every write, each flush's output one chunk, as the server sends it. */
async function gzipChunks(writes: readonly string[], last: string): Promise<Buffer[]> {
  const gzip = createGzip();
  const flushes: Buffer[] = [];
  let pending: Buffer[] = [];
  gzip.on('data', (data: Buffer) => pending.push(data));
  for (const text of writes) {
    gzip.write(text);
    await new Promise<void>((resolve) => gzip.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    flushes.push(Buffer.concat(pending));
    pending = [];
  }
  gzip.end(last);
  await once(gzip, 'end');
  return [...flushes, Buffer.concat(pending)].map(chunk);
}

describe('attributeSseStream: gzip, one flush per event', () => {
  it('gives flush group k to message k, and decodes what they carried', async () => {
    const events = [event(1), event(2)];
    const chunks = await gzipChunks(['retry: 1000\n\n', ...events], 'event: end\ndata: 2\n\n');
    const bytes = attributeSseStream(connection([Buffer.from(GZIP_HEAD), ...chunks, Buffer.from(TERMINATOR)]));
    const messageChunks = chunks.slice(1, 3);
    expect(bytes).toMatchObject({ messages: 2, compressed: true, negotiated: 'gzip', unattributedBytesDown: 0 });
    expect(bytes.messageBytesDown).toBe(messageChunks[0]!.length + messageChunks[1]!.length);
    expect(bytes.decodedMessageBytes).toBe(2 * 29);
    expect(bytes.compressedMessageBytes).toBe(bytes.messageBytesDown - bytes.parts.chunkFramingBytes);
    expect(bytes.fixedBytesDown).toBe(chunks[0]!.length + chunks[3]!.length + TERMINATOR.length);
  });
});
