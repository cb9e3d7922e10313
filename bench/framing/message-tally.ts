/**
 * Counts what a reader did with a stream, from sequence numbers and checksums (never estimated):
 * every message it emitted is exactly one of delivered, corrupted or spurious, and every event
 * sent and not delivered intact is lost.
 */
import { decodeText, EnvelopeError, type DecodedEnvelope, type Envelope } from '../../servers/envelope.js';

export interface MessageTally {
  /** Events in the stream. */
  sent: number;
  /** Messages the reader handed to the application. */
  emitted: number;
  /** Events received intact: decodes, checksum matches, every field equals what was sent. */
  delivered: number;
  /** Sent events never delivered intact. */
  lost: number;
  /** Emitted messages that are not an intact event: not an envelope, bad checksum, wrong seq or fields. */
  corrupted: number;
  /** Intact copies of an event already delivered (a reader that emits an event twice). */
  spurious: number;
  /** Errors the reader itself reported while parsing. */
  parseErrors: number;
}

export function emptyTally(): MessageTally {
  return { sent: 0, emitted: 0, delivered: 0, lost: 0, corrupted: 0, spurious: 0, parseErrors: 0 };
}

/** Adds `more` into `total` field by field (tallies of many runs are summed, never averaged). */
export function addTally(total: MessageTally, more: MessageTally): void {
  for (const key of Object.keys(total) as (keyof MessageTally)[]) total[key] += more[key];
}

/** True when the run lost, corrupted or duplicated anything, or the reader reported an error. */
export function isDamaged(tally: MessageTally): boolean {
  return tally.lost > 0 || tally.corrupted > 0 || tally.spurious > 0 || tally.parseErrors > 0;
}

function tryDecode(data: string): DecodedEnvelope | undefined {
  try {
    return decodeText(data);
  } catch (error) {
    // A fragment that is not an envelope at all: counted as corrupted by the caller.
    if (error instanceof EnvelopeError) return undefined;
    throw error;
  }
}

function isIntact(decoded: DecodedEnvelope | undefined, sent: Envelope | undefined): sent is Envelope {
  return (
    decoded !== undefined &&
    sent !== undefined &&
    decoded.checksumOk &&
    decoded.streamId === sent.streamId &&
    decoded.kind === sent.kind &&
    decoded.scheduledNs === Number(sent.scheduledNs) &&
    decoded.payload === sent.payload
  );
}

/** Tallies one run: the events sent against the messages one reader emitted. */
export function tallyMessages(sent: readonly Envelope[], emitted: readonly string[], parseErrors = 0): MessageTally {
  const bySeq = new Map(sent.map((envelope) => [envelope.seq, envelope]));
  const delivered = new Set<number>();
  const tally: MessageTally = { ...emptyTally(), sent: sent.length, emitted: emitted.length, parseErrors };
  for (const data of emitted) {
    const decoded = tryDecode(data);
    const expected = decoded === undefined ? undefined : bySeq.get(decoded.seq);
    if (!isIntact(decoded, expected)) tally.corrupted += 1;
    else if (delivered.has(expected.seq)) tally.spurious += 1;
    else delivered.add(expected.seq);
  }
  tally.delivered = delivered.size;
  tally.lost = sent.length - delivered.size;
  return tally;
}
