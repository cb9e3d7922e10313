/**
 * tshark's side of the method on a capture file whose every packet is known: written here byte by
 * byte (classic pcap, raw IP link type), with one segment sent twice so tshark must flag it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveCaptureTools } from './capture-tools.js';
import { summariseConnections } from './connection-bytes.js';
import { readTcpSegments } from './read-capture.js';

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;
const TCP_PSH_ACK = 0x18;
const TCP_SYN_ACK = 0x12;
/** LINKTYPE_RAW: each record starts with an IPv4 or IPv6 header, no link-layer header. */
const LINKTYPE_RAW = 101;

interface Flow {
  client: Buffer;
  server: Buffer;
  clientPort: number;
  serverPort: number;
}

function tcpHeader(srcPort: number, dstPort: number, seq: number, ack: number, flags: number): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt32BE(seq, 4);
  header.writeUInt32BE(ack, 8);
  header.writeUInt8(5 << 4, 12); // data offset: 5 words, no options
  header.writeUInt8(flags, 13);
  header.writeUInt16BE(65_535, 14);
  return header;
}

/** An IP packet carrying one TCP segment; checksums are left zero (tshark does not verify them by default). */
function ipPacket(src: Buffer, dst: Buffer, tcp: Buffer): Buffer {
  if (src.length === 4) {
    const ip = Buffer.alloc(20);
    ip.writeUInt8(0x45, 0);
    ip.writeUInt16BE(20 + tcp.length, 2);
    ip.writeUInt8(64, 8);
    ip.writeUInt8(6, 9);
    src.copy(ip, 12);
    dst.copy(ip, 16);
    return Buffer.concat([ip, tcp]);
  }
  const ip = Buffer.alloc(40);
  ip.writeUInt32BE(0x6000_0000, 0);
  ip.writeUInt16BE(tcp.length, 4);
  ip.writeUInt8(6, 6);
  ip.writeUInt8(64, 7);
  src.copy(ip, 8);
  dst.copy(ip, 24);
  return Buffer.concat([ip, tcp]);
}

/** Handshake, then the client sends `upBytes` twice (the second copy a retransmission) and the server `downBytes` once. */
function flowPackets(flow: Flow, upBytes: number, downBytes: number): Buffer[] {
  const up = (seq: number, ack: number, flags: number, payloadBytes = 0): Buffer =>
    ipPacket(
      flow.client,
      flow.server,
      Buffer.concat([tcpHeader(flow.clientPort, flow.serverPort, seq, ack, flags), Buffer.alloc(payloadBytes, 0x41)]),
    );
  const down = (seq: number, ack: number, flags: number, payloadBytes = 0): Buffer =>
    ipPacket(
      flow.server,
      flow.client,
      Buffer.concat([tcpHeader(flow.serverPort, flow.clientPort, seq, ack, flags), Buffer.alloc(payloadBytes, 0x42)]),
    );
  return [
    up(1000, 0, TCP_SYN),
    down(5000, 1001, TCP_SYN_ACK),
    up(1001, 5001, TCP_ACK),
    up(1001, 5001, TCP_PSH_ACK, upBytes),
    up(1001, 5001, TCP_PSH_ACK, upBytes), // same sequence number again: a retransmission
    down(5001, 1001 + upBytes, TCP_PSH_ACK, downBytes),
    up(1001 + upBytes, 5001 + downBytes, TCP_ACK),
  ];
}

function pcapFile(packets: Buffer[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262_144, 16);
  header.writeUInt32LE(LINKTYPE_RAW, 20);
  const records = packets.map((packet, index) => {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(1_700_000_000, 0);
    record.writeUInt32LE(index * 1000, 4); // 1 ms apart, in order
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    return Buffer.concat([record, packet]);
  });
  return Buffer.concat([header, ...records]);
}

const LOOPBACK_V4 = Buffer.from([127, 0, 0, 1]);
const LOOPBACK_V6 = Buffer.concat([Buffer.alloc(15), Buffer.from([1])]);

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function writeCapture(packets: Buffer[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'wire-read-test-'));
  folders.push(folder);
  const filePath = join(folder, 'known.pcap');
  writeFileSync(filePath, pcapFile(packets));
  return filePath;
}

describe('readTcpSegments on a known capture file', () => {
  it('reads IPv4 and IPv6 segments and flags the retransmission', async () => {
    const v4 = flowPackets({ client: LOOPBACK_V4, server: LOOPBACK_V4, clientPort: 41000, serverPort: 8080 }, 10, 700);
    const v6 = flowPackets({ client: LOOPBACK_V6, server: LOOPBACK_V6, clientPort: 41001, serverPort: 8080 }, 33, 1);
    const filePath = writeCapture([...v4, ...v6]);
    const segments = await readTcpSegments(resolveCaptureTools().tsharkPath, filePath);
    expect(segments).toHaveLength(14);
    expect(segments.filter((segment) => segment.isRetransmission).map((segment) => segment.payloadBytes)).toEqual([
      10, 33,
    ]);
    expect(summariseConnections(segments, [8080])).toMatchObject([
      {
        clientAddress: '127.0.0.1',
        clientPort: 41000,
        bytesToServer: 10,
        retransmittedBytesToServer: 10,
        bytesFromServer: 700,
        retransmittedBytesFromServer: 0,
      },
      {
        clientAddress: '::1',
        clientPort: 41001,
        bytesToServer: 33,
        retransmittedBytesToServer: 33,
        bytesFromServer: 1,
      },
    ]);
  });

  it("rejects a file tshark cannot read, with tshark's message", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wire-read-test-'));
    folders.push(folder);
    const filePath = join(folder, 'garbage.pcapng');
    writeFileSync(filePath, 'not a capture file');
    await expect(readTcpSegments(resolveCaptureTools().tsharkPath, filePath)).rejects.toMatchObject({
      category: 'internal',
      message: expect.stringContaining('tshark could not read'),
    });
  });
});
