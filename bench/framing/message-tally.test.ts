import { describe, expect, it } from 'vitest';
import { checksumOf, encodeText, type Envelope } from '../../servers/envelope.js';
import { tallyMessages } from './message-tally.js';

function envelope(seq: number, payload: string): Envelope {
  return { streamId: 1, seq, scheduledNs: BigInt(seq), kind: 'text', payload, checksum: checksumOf(payload) };
}

const sent = [envelope(1, 'one'), envelope(2, 'two é'), envelope(3, 'three')];

describe('tallyMessages', () => {
  it('counts an exact copy of the stream as all delivered', () => {
    expect(
      tallyMessages(
        sent,
        sent.map((env) => encodeText(env)),
      ),
    ).toEqual({ sent: 3, emitted: 3, delivered: 3, lost: 0, corrupted: 0, spurious: 0, parseErrors: 0 });
  });

  it('classifies every emitted message exactly once', () => {
    const emitted = [
      encodeText(sent[0]!),
      encodeText(sent[0]!), // a duplicate: spurious
      encodeText(sent[1]!).slice(0, -1), // truncated payload: checksum fails
      'lo', // a fragment that is no envelope at all
      encodeText(envelope(9, 'never sent')), // intact envelope, unknown seq
    ];
    expect(tallyMessages(sent, emitted, 2)).toEqual({
      sent: 3,
      emitted: 5,
      delivered: 1,
      lost: 2,
      corrupted: 3,
      spurious: 1,
      parseErrors: 2,
    });
  });

  it('counts a payload with a replaced character as corrupted, not delivered', () => {
    const damaged = encodeText(sent[1]!).replace('é', '\ufffd\ufffd');
    expect(tallyMessages(sent, [damaged]).corrupted).toBe(1);
  });
});
