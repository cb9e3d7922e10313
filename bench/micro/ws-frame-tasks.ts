/**
 * Micro-benchmarks of WebSocket framing with ws itself: the server framing a text message (unmasked,
 * as server-to-client frames are) and a client-side Receiver parsing it back, UTF-8 validation on
 * as in ws's default configuration.
 */
import { encodeText } from '../../servers/envelope.js';
import { assertTask, type MicroTask } from './micro-task.js';
import { SAMPLE_JSON_ENVELOPE } from './sample-messages.js';
import { WsReceiverCtor, WsSender, type WsFrameOptions } from './ws-internals.js';

const TEXT_FRAME: WsFrameOptions = { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false };

function frameText(line: string): Buffer {
  return Buffer.concat(WsSender.frame(line, TEXT_FRAME));
}

/** Writes complete frames to one long-lived Receiver, as a client does on a connection. */
function createParseTask(line: string): MicroTask {
  const frame = frameText(line);
  // Counted across the whole benchmark: each frame written must yield exactly one message.
  let writes = 0;
  let messages = 0;
  let lastMessage: Buffer | undefined;
  let parseError: Error | undefined;
  const receiver = new WsReceiverCtor({
    isServer: false,
    binaryType: 'nodebuffer',
    maxPayload: 0,
    skipUTF8Validation: false,
  });
  receiver.on('message', (data) => {
    messages++;
    lastMessage = data;
  });
  receiver.on('error', (error) => {
    parseError = error;
  });
  return {
    name: 'ws_frame_parse',
    runOnce: () => {
      writes++;
      receiver.write(frame);
      return lastMessage;
    },
    verify: () => {
      writes++;
      receiver.write(frame);
      assertTask(parseError === undefined, `the ws Receiver failed: ${parseError?.message}`);
      assertTask(lastMessage?.toString() === line, 'the ws Receiver returned a different message');
      assertTask(messages === writes, `the ws Receiver emitted ${messages} messages for ${writes} frames`);
    },
  };
}

/** The two WS tasks: frame and parse a text message carrying the envelope line. */
export function createWsFrameTasks(): MicroTask[] {
  const line = encodeText(SAMPLE_JSON_ENVELOPE);
  const expectedBytes = 2 + 2 + Buffer.byteLength(line); // 126..65535 bytes: 2-byte extended length
  return [
    {
      name: 'ws_frame_encode',
      runOnce: () => WsSender.frame(line, TEXT_FRAME),
      verify: () => {
        const frame = frameText(line);
        assertTask(
          frame.length === expectedBytes && frame[0] === 0x81,
          `ws frame is ${frame.length} bytes with first byte ${frame[0]}; expected ${expectedBytes} and 0x81`,
        );
      },
    },
    createParseTask(line),
  ];
}
