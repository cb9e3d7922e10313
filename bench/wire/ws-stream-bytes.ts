/**
 * Places every byte a WebSocket client read (claims WS-3, WS-4): the 101 upgrade response, then
 * frame by frame. A data frame is a message unless it is the stream's `!end` marker or an upstream
 * `!ack`; control frames (close, ping, pong) are paid once per stream. Messages split into frame
 * headers, envelope and payload. Compressed messages (RSV1, RFC 7692) are inflated first, in order,
 * because `ws` compresses even the end marker when the window is kept across messages.
 */
import { decodeEndText } from '../../servers/envelope.js';
import { decodeUpstreamAck } from '../../servers/upstream-endpoints.js';
import { measureBinaryEnvelope, measureTextEnvelope } from './envelope-bytes.js';
import { readHttpHead } from './http-head.js';
import { inflateMessages } from './inflate-messages.js';
import { createEmptyParts, type MessageByteParts, type RawConnection, type StreamBytes } from './stream-bytes.js';
import { parseWsFrames, WS_OPCODE, type WsFrame } from './ws-frames.js';

/** Longest marker text looked at to classify an uncompressed text frame. */
const MARKER_PEEK_BYTES = 32;

/** What a message (or control frame) was for. */
type FrameRole = 'message' | 'end' | 'ack' | 'control';

/** A data message (first frame plus continuations) or a control frame, as received. */
interface WireMessage {
  frames: WsFrame[];
  opcode: number;
  compressed: boolean;
  /** The payload as sent (compressed or not), joined across frames. */
  payload: Buffer;
}

/** Running sums while walking the messages. */
interface FrameTally {
  messages: number;
  messageBytesDown: number;
  parts: MessageByteParts;
  compressedMessageBytes: number;
  decodedMessageBytes: number;
  acks: number;
  ackBytesDown: number;
  fixedBytesDown: number;
}

/** The split of a whole WS connection; throws when a frame is cut or the upgrade head is missing. */
export async function attributeWsStream(raw: RawConnection): Promise<StreamBytes> {
  const head = readHttpHead(raw.down);
  const bytes = raw.down.subarray(head.headBytes);
  const messages = groupMessages(bytes, parseWsFrames(bytes));
  const decoded = await decodePayloads(messages);
  const tally = tallyMessages(bytes, messages, decoded);
  const attributed = head.headBytes + tally.messageBytesDown + tally.ackBytesDown + tally.fixedBytesDown;
  return {
    socketBytesDown: raw.socketBytesDown,
    socketBytesUp: raw.socketBytesUp,
    tappedBytesDown: raw.down.length,
    handshakeBytesDown: head.headBytes,
    handshakeBytesUp: raw.handshakeBytesUp,
    messages: tally.messages,
    messageBytesDown: tally.messageBytesDown,
    parts: tally.parts,
    compressed: messages.some((message) => message.compressed),
    compressedMessageBytes: tally.compressedMessageBytes,
    decodedMessageBytes: tally.decodedMessageBytes,
    acks: tally.acks,
    ackBytesDown: tally.ackBytesDown,
    fixedBytesDown: tally.fixedBytesDown,
    fixedBytesUp: raw.socketBytesUp - raw.handshakeBytesUp - raw.upstreamBytesUp,
    unattributedBytesDown: raw.socketBytesDown - attributed,
    negotiated: head.fields.get('sec-websocket-extensions') ?? 'identity',
  };
}

/** Continuation frames join the message their first frame opened; control frames stand alone. */
function groupMessages(bytes: Buffer, frames: readonly WsFrame[]): WireMessage[] {
  const messages: WireMessage[] = [];
  let open: WireMessage | undefined;
  for (const frame of frames) {
    const payload = bytes.subarray(frame.payloadStart, frame.payloadStart + frame.payloadBytes);
    if (frame.opcode === WS_OPCODE.continuation && open !== undefined) {
      open.frames.push(frame);
      open.payload = Buffer.concat([open.payload, payload]);
    } else {
      const message = { frames: [frame], opcode: frame.opcode, compressed: frame.compressed, payload };
      messages.push(message);
      if (frame.opcode === WS_OPCODE.text || frame.opcode === WS_OPCODE.binary) open = message;
    }
  }
  return messages;
}

/** Each message's decoded payload: inflated in order when compressed, else as received. */
async function decodePayloads(messages: readonly WireMessage[]): Promise<Buffer[]> {
  const compressed = messages.filter((message) => message.compressed);
  const inflated = await inflateMessages(compressed.map((message) => message.payload));
  let next = 0;
  return messages.map((message) => (message.compressed ? inflated[next++]! : message.payload));
}

function classify(message: WireMessage, decoded: Buffer): FrameRole {
  if (message.opcode === WS_OPCODE.binary) return 'message';
  if (message.opcode !== WS_OPCODE.text) return 'control';
  const peek = decoded.toString('utf8', 0, Math.min(decoded.length, MARKER_PEEK_BYTES));
  if (decodeEndText(peek) !== undefined) return 'end';
  if (decodeUpstreamAck(peek) !== undefined) return 'ack';
  return 'message';
}

function tallyMessages(bytes: Buffer, messages: readonly WireMessage[], decoded: readonly Buffer[]): FrameTally {
  const tally: FrameTally = {
    messages: 0,
    messageBytesDown: 0,
    parts: createEmptyParts(),
    compressedMessageBytes: 0,
    decodedMessageBytes: 0,
    acks: 0,
    ackBytesDown: 0,
    fixedBytesDown: 0,
  };
  messages.forEach((message, index) =>
    addMessage(tally, bytes, message, decoded[index]!, classify(message, decoded[index]!)),
  );
  return tally;
}

function addMessage(tally: FrameTally, _bytes: Buffer, message: WireMessage, decoded: Buffer, role: FrameRole): void {
  const headerBytes = sumBytes(message.frames.map((frame) => frame.headerBytes + frame.maskBytes));
  const wireBytes = headerBytes + message.payload.length;
  if (role === 'ack') {
    tally.acks += 1;
    tally.ackBytesDown += wireBytes;
  } else if (role !== 'message') {
    tally.fixedBytesDown += wireBytes;
  } else {
    tally.messages += 1;
    tally.messageBytesDown += wireBytes;
    tally.parts.wsHeaderBytes += headerBytes;
    tally.compressedMessageBytes += message.payload.length;
    tally.decodedMessageBytes += decoded.length;
    if (!message.compressed) addEnvelopeParts(tally.parts, message);
  }
}

/** Text frames carry the text envelope, binary frames the 32-byte binary one. */
function addEnvelopeParts(parts: MessageByteParts, message: WireMessage): void {
  const { payload } = message;
  const envelope =
    message.opcode === WS_OPCODE.binary
      ? measureBinaryEnvelope(payload.length)
      : measureTextEnvelope(payload, 0, payload.length);
  parts.envelopeBytes += envelope.headerBytes;
  parts.payloadOnWireBytes += envelope.payloadOnWireBytes;
  parts.payloadBytes += envelope.payloadBytes;
}

function sumBytes(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}
