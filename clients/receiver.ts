/**
 * The receiving end of every connection: decode the envelope, check integrity (sequence, checksum),
 * time it against the scheduled send time. `createBareSink` does none of that and only counts, so
 * the harness can report what its own checking costs.
 */
import { decodeBinary, decodeText, EnvelopeError, type DecodedEnvelope } from '../servers/envelope.js';
import type { Recorder } from './recorder.js';
import { SequenceTracker } from './sequence-tracker.js';

/** What a connection hands each received message to. */
export interface MessageSink {
  onText(text: string, receivedNs: number): void;
  onBinary(frame: Buffer, receivedNs: number): void;
  onEnd(lastSeq: number): void;
  /** Last sequence seen, for resuming after a reconnect. */
  readonly lastSeq: number | undefined;
}

export interface ReceiverOptions {
  /** Parse JSON payloads as an application would, so the JSON kind costs what it costs. */
  parseJson: boolean;
  resumeAfter?: number;
  /** Called for each message that passed integrity checks (e.g. the LLM client's token timing). */
  onMessage?: (env: DecodedEnvelope, receivedNs: number) => void;
}

export function createReceiver(recorder: Recorder, options: ReceiverOptions): MessageSink {
  const tracker = new SequenceTracker(recorder.integrity, options.resumeAfter);
  let ended = false;
  const accept = (env: DecodedEnvelope, receivedNs: number) => {
    // A duplicate is only a duplicate, whatever its payload; corruption is counted once per message.
    if (!tracker.accept(env.seq)) return;
    if (!env.checksumOk) recorder.integrity.corrupted++;
    if (options.parseJson && env.kind === 'json' && env.checksumOk) JSON.parse(env.payload as string);
    recorder.recordLatency(receivedNs, env.scheduledNs, env.writtenNs);
    options.onMessage?.(env, receivedNs);
  };
  const decodeOrCount = (decode: () => DecodedEnvelope, receivedNs: number) => {
    let env: DecodedEnvelope;
    try {
      env = decode();
    } catch (err) {
      if (!(err instanceof EnvelopeError)) throw err;
      recorder.integrity.corrupted++;
      return;
    }
    accept(env, receivedNs);
  };
  return {
    onText: (text, receivedNs) => decodeOrCount(() => decodeText(text), receivedNs),
    onBinary: (frame, receivedNs) => decodeOrCount(() => decodeBinary(frame), receivedNs),
    onEnd(lastSeq) {
      if (ended) return;
      ended = true;
      tracker.end(lastSeq);
    },
    get lastSeq() {
      return tracker.lastSeq;
    },
  };
}

/** Counts messages and nothing else: the baseline for the harness-overhead ratio. */
export function createBareSink(recorder: Recorder): MessageSink {
  const count = () => {
    if (recorder.measuring) recorder.measuredMessages++;
  };
  return { onText: count, onBinary: count, onEnd: () => undefined, lastSeq: undefined };
}
