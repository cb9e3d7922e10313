/**
 * The hand-written Python WebSocket client (ws_connection.py) against scripted servers on raw TCP,
 * for what a well-behaved server never sends: a wrong Sec-WebSocket-Accept, a masked frame, a
 * message split into fragments with a ping between them. Also checks what the client sends back:
 * masked pongs echoing the ping and a close frame with the right code.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { liveForeignCount } from '../../../bench/polyglot/foreign-process.js';
import { runForeignClient } from '../../../test/support/polyglot-helpers.js';
import { checksumOf, encodeText } from '../../../servers/envelope.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** A server frame: final, unmasked unless a mask key is given. */
function frame(opcode: number, payload: Buffer, options: { fin?: boolean; maskKey?: Buffer } = {}): Buffer {
  const first = ((options.fin ?? true) ? 0x80 : 0) | opcode;
  const mask = options.maskKey ? 0x80 : 0;
  const body = options.maskKey ? Buffer.from(payload.map((b, i) => b ^ options.maskKey![i % 4]!)) : payload;
  return Buffer.concat([Buffer.from([first, mask | payload.length]), options.maskKey ?? Buffer.alloc(0), body]);
}

interface ClientFrame {
  opcode: number;
  payload: Buffer;
  masked: boolean;
}

/** Parses the small frames a client sends (payloads below 126 bytes), unmasking them. */
function parseClientFrames(data: Buffer): ClientFrame[] {
  const frames: ClientFrame[] = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const masked = (data[at + 1]! & 0x80) !== 0;
    const size = data[at + 1]! & 0x7f;
    const key = masked ? data.subarray(at + 2, at + 6) : Buffer.alloc(4);
    const start = at + 2 + (masked ? 4 : 0);
    const payload = Buffer.from(data.subarray(start, start + size).map((b, i) => b ^ key[i % 4]!));
    frames.push({ opcode: data[at]! & 0x0f, payload, masked });
    at = start + size;
  }
  return frames;
}

function acceptFor(request: string): string {
  const key = /sec-websocket-key: *(\S+)/i.exec(request)?.[1] ?? '';
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/** A server that answers the handshake with `respond` and records every byte the client sends after it. */
interface ScriptedServer {
  url: string;
  /** What the client sent after the handshake, once at least `bytes` of it arrived (5 s at most). */
  received(bytes: number): Promise<Buffer>;
  close(): Promise<void>;
}

async function startScriptedServer(respond: (socket: net.Socket, accept: string) => void): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  let afterHandshake = Buffer.alloc(0);
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let head = '';
    let upgraded = false;
    socket.on('data', (chunk) => {
      if (upgraded) {
        afterHandshake = Buffer.concat([afterHandshake, chunk]);
        return;
      }
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      upgraded = true;
      respond(socket, acceptFor(head));
    });
    socket.on('error', () => undefined); // the client may reset after a protocol error: expected here
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/stream`,
    received: async (bytes) => {
      // The client's last frames and its exit race each other to the test: wait for the bytes.
      for (let waitedMs = 0; afterHandshake.length < bytes && waitedMs < 5000; waitedMs += 10)
        await new Promise((r) => setTimeout(r, 10));
      return afterHandshake;
    },
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const switching = (accept: string) =>
  `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`;

function envelopeText(seq: number): string {
  const payload = 'hello';
  return encodeText({
    streamId: 1,
    seq,
    scheduledNs: process.hrtime.bigint(),
    kind: 'text',
    payload,
    checksum: checksumOf(payload),
  });
}

const closeFrame = (code: number) => frame(0x8, Buffer.from([code >> 8, code & 0xff]));

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
  expect(liveForeignCount()).toBe(0);
});

describe('python ws_connection', () => {
  it('refuses a 101 whose Sec-WebSocket-Accept does not match its key', async () => {
    const server = await startScriptedServer((socket) => socket.write(switching('bm90IHRoZSByaWdodCBhY2NlcHQ=')));
    closeServer = server.close;
    const summary = await runForeignClient('python', 'ws', [server.url]);
    expect(summary).toMatchObject({ works: false, error: { category: 'protocol:handshake' } });
  });

  it('fails a masked server frame with 1002 and says so in a masked close frame', async () => {
    const server = await startScriptedServer((socket, accept) => {
      socket.write(switching(accept));
      socket.write(frame(0x1, Buffer.from(envelopeText(1)), { maskKey: Buffer.from([1, 2, 3, 4]) }));
    });
    closeServer = server.close;
    const summary = await runForeignClient('python', 'ws', [server.url]);
    expect(summary).toMatchObject({ works: false, error: { category: 'protocol:1002' } });
    const [close] = parseClientFrames(await server.received(8));
    expect(close).toMatchObject({ opcode: 0x8, masked: true });
    expect(close!.payload.readUInt16BE(0)).toBe(1002);
  });

  it('joins fragments around a ping, answers the ping with a masked pong, and echoes the close', async () => {
    const text = Buffer.from(envelopeText(1));
    const server = await startScriptedServer((socket, accept) => {
      socket.write(switching(accept));
      socket.write(frame(0x1, text.subarray(0, 10), { fin: false }));
      socket.write(frame(0x9, Buffer.from('are you there')));
      socket.write(frame(0x0, text.subarray(10)));
      socket.write(frame(0x1, Buffer.from('!end 1')));
      socket.write(closeFrame(1000));
    });
    closeServer = server.close;
    const summary = await runForeignClient('python', 'ws', [server.url, '--expect-first-seq', '1']);
    expect(summary).toMatchObject({
      works: true,
      error: null,
      stop_reason: 'end',
      received: 1,
      lost: 0,
      corrupted: 0,
      pings_answered: 1,
    });
    // A pong with a 13-byte payload (2 + 4 + 13) and a close with a code (2 + 4 + 2).
    const frames = parseClientFrames(await server.received(19 + 8));
    expect(frames.map((f) => [f.opcode, f.masked])).toEqual([
      [0xa, true],
      [0x8, true],
    ]);
    expect(frames[0]!.payload.toString()).toBe('are you there');
    expect(frames[1]!.payload.readUInt16BE(0)).toBe(1000);
  });

  it('reports a close code other than 1000 as close:<code>', async () => {
    const server = await startScriptedServer((socket, accept) => {
      socket.write(switching(accept));
      socket.write(closeFrame(1011));
    });
    closeServer = server.close;
    const summary = await runForeignClient('python', 'ws', [server.url]);
    expect(summary).toMatchObject({ works: false, error: { category: 'close:1011' } });
  });
});
