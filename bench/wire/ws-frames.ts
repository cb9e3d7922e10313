/**
 * WebSocket frames as they arrived (RFC 6455 §5.2): each frame's header (2 bytes, plus 2 or 8 of
 * extended length), its masking key when masked, and where its payload lies. Parsing the received
 * bytes, rather than assuming one frame per send, is what lets the wire scenarios state the framing
 * a WS stream really paid. Pure: no I/O.
 */
import { PhaseError } from '../phase-error.js';

/** Opcodes (RFC 6455 §5.2): data frames carry messages, control frames manage the connection. */
export const WS_OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One frame: header bytes (length included, key excluded), key bytes, payload position. */
export interface WsFrame {
  opcode: number;
  fin: boolean;
  /** RSV1 marks a frame compressed by permessage-deflate (RFC 7692 §6). */
  compressed: boolean;
  headerBytes: number;
  maskBytes: number;
  payloadStart: number;
  payloadBytes: number;
}

/** Frames of a complete stream of bytes; throws `protocol:ws-frame` when the last one is cut. */
export function parseWsFrames(bytes: Buffer): WsFrame[] {
  const frames: WsFrame[] = [];
  let at = 0;
  while (at < bytes.length) {
    const frame = readFrameAt(bytes, at);
    frames.push(frame);
    at = frame.payloadStart + frame.payloadBytes;
  }
  return frames;
}

function readFrameAt(bytes: Buffer, at: number): WsFrame {
  if (bytes.length < at + 2) throw cut(at);
  const first = bytes[at]!;
  const second = bytes[at + 1]!;
  const lengthCode = second & 0x7f;
  const extendedBytes = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
  const headerBytes = 2 + extendedBytes;
  if (bytes.length < at + headerBytes) throw cut(at);
  const payloadBytes =
    lengthCode === 126
      ? bytes.readUInt16BE(at + 2)
      : lengthCode === 127
        ? Number(bytes.readBigUInt64BE(at + 2))
        : lengthCode;
  const maskBytes = (second & 0x80) !== 0 ? 4 : 0;
  const payloadStart = at + headerBytes + maskBytes;
  if (bytes.length < payloadStart + payloadBytes) throw cut(at);
  return {
    opcode: first & 0x0f,
    fin: (first & 0x80) !== 0,
    compressed: (first & 0x40) !== 0,
    headerBytes,
    maskBytes,
    payloadStart,
    payloadBytes,
  };
}

function cut(at: number): PhaseError {
  return new PhaseError('protocol:ws-frame', `the frame at byte ${at} is cut short`);
}
