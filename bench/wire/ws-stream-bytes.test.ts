import { constants, createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attributeWsStream } from './ws-stream-bytes.js';

const UPGRADE =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n';
const DEFLATE_UPGRADE =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n';
const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;

/** An unmasked server frame with a payload under 126 bytes (2-byte header). */
function frame(opcode: number, payload: Buffer | string, rsv1 = false): Buffer {
  const bytes = Buffer.from(payload);
  return Buffer.concat([Buffer.from([0x80 | (rsv1 ? 0x40 : 0) | opcode, bytes.length]), bytes]);
}

function connection(parts: readonly (Buffer | string)[], upBytes = { handshake: 200, total: 221 }) {
  const down = Buffer.concat(parts.map((part) => Buffer.from(part)));
  return {
    down,
    socketBytesDown: down.length,
    socketBytesUp: upBytes.total,
    handshakeBytesUp: upBytes.handshake,
    upstreamBytesUp: 0,
  };
}

const closeFrame = frame(CLOSE, Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')]));

describe('attributeWsStream: uncompressed', () => {
  it('splits messages into header, envelope and payload; the end marker and close are paid once', async () => {
    // Text: 2 + 15 ("0 1 5 0 t ab hi": 13 envelope + 2 payload). Binary: 2 + 32 + 4. End marker 2 + 6, close 2 + 5.
    const binaryEnvelope = Buffer.concat([Buffer.alloc(32, 1), Buffer.from([9, 9, 9, 9])]);
    const bytes = await attributeWsStream(
      connection([
        UPGRADE,
        frame(TEXT, '0 1 5 0 t ab hi'),
        frame(BINARY, binaryEnvelope),
        frame(TEXT, '!end 2'),
        closeFrame,
      ]),
    );
    expect(bytes).toMatchObject({
      messages: 2,
      messageBytesDown: 17 + 38,
      fixedBytesDown: 8 + 7,
      fixedBytesUp: 21,
      handshakeBytesDown: UPGRADE.length,
      unattributedBytesDown: 0,
      compressed: false,
      negotiated: 'identity',
    });
    expect(bytes.parts).toEqual({
      sseFieldBytes: 0,
      sseIdBytes: 0,
      chunkFramingBytes: 0,
      wsHeaderBytes: 4,
      envelopeBytes: 13 + 32,
      payloadOnWireBytes: 2 + 4,
      payloadBytes: 2 + 4,
    });
  });

  it('counts upstream acknowledgements apart from messages', async () => {
    const bytes = await attributeWsStream(
      connection([UPGRADE, frame(TEXT, '!ack 1'), frame(TEXT, '0 1 5 0 t ab hi'), frame(TEXT, '!ack 1')]),
    );
    expect(bytes).toMatchObject({ messages: 1, acks: 2, ackBytesDown: 16, fixedBytesDown: 0 });
  });
});

/** permessage-deflate with the window kept across messages (RFC 7692 §7.2.1): each message flushed, its tail dropped. */
async function deflateMessages(texts: readonly string[]): Promise<Buffer[]> {
  const deflater = createDeflateRaw();
  const payloads: Buffer[] = [];
  let pending: Buffer[] = [];
  deflater.on('data', (data: Buffer) => pending.push(data));
  for (const text of texts) {
    deflater.write(text);
    await new Promise<void>((resolve) => deflater.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    const flushed = Buffer.concat(pending);
    payloads.push(flushed.subarray(0, flushed.length - 4));
    pending = [];
  }
  deflater.close();
  return payloads;
}

describe('attributeWsStream: permessage-deflate', () => {
  it('inflates in order to tell the compressed end marker from the messages', async () => {
    const texts = ['0 1 5 0 t ab hello hello hello', '0 2 5 0 t ab hello hello hello', '!end 2'];
    const payloads = await deflateMessages(texts);
    const bytes = await attributeWsStream(
      connection([DEFLATE_UPGRADE, ...payloads.map((payload) => frame(TEXT, payload, true)), closeFrame]),
    );
    expect(bytes).toMatchObject({
      messages: 2,
      compressed: true,
      negotiated: 'permessage-deflate',
      unattributedBytesDown: 0,
    });
    expect(bytes.decodedMessageBytes).toBe(2 * 30);
    expect(bytes.compressedMessageBytes).toBe(payloads[0]!.length + payloads[1]!.length);
    expect(bytes.messageBytesDown).toBe(bytes.compressedMessageBytes + 2 * 2);
    expect(bytes.fixedBytesDown).toBe(2 + payloads[2]!.length + closeFrame.length);
    // The second message copies from the first: the window really was kept.
    expect(payloads[1]!.length).toBeLessThan(payloads[0]!.length);
  });
});
