/**
 * Typed access to ws's frame Sender and Receiver. ws 8 exports both from its ESM entry, but
 * @types/ws does not declare them, so this module states the small part we use and checks at load
 * time that it is there (a future ws that drops them fails here, loudly, not in a benchmark).
 */
import * as wsModule from 'ws';

/** Options of `Sender.frame` (ws/lib/sender.js). */
export interface WsFrameOptions {
  fin: boolean;
  /** 1 text, 2 binary. */
  opcode: number;
  /** Client-to-server frames are masked; server-to-client frames are not. */
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}

export interface WsSenderStatic {
  /** Returns the frame as [header, payload]. */
  frame(data: Buffer | string, options: WsFrameOptions): Buffer[];
}

/** A frame parser (a Writable): write raw bytes, get 'message' events (synchronously, ws's default). */
export interface WsReceiver {
  write(chunk: Buffer): boolean;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

export interface WsReceiverOptions {
  isServer: boolean;
  binaryType: 'nodebuffer';
  maxPayload: number;
  skipUTF8Validation: boolean;
}

export type WsReceiverClass = new (options: WsReceiverOptions) => WsReceiver;

const exported = wsModule as unknown as { Sender?: WsSenderStatic; Receiver?: WsReceiverClass };
if (typeof exported.Sender?.frame !== 'function' || typeof exported.Receiver !== 'function') {
  throw new Error('the installed ws does not export Sender and Receiver; the WS micro-benchmarks need ws 8');
}

export const WsSender: WsSenderStatic = exported.Sender;
export const WsReceiverCtor: WsReceiverClass = exported.Receiver;
