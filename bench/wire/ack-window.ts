/**
 * Keeps a fixed number of upstream messages in flight on one WS socket: a new one goes out as each
 * acknowledgement comes back, and each is timed from its send to its ack. Acks come back in order
 * on one socket, so the oldest unacknowledged send is the one an ack answers.
 */
import { nowNs } from '../../clients/clock.js';

/** A running window; `done` resolves when the last message is acknowledged. */
export interface AckWindow {
  /** Call on each acknowledgement; returns the round trip in µs. */
  onAck(): number;
  readonly done: Promise<void>;
  sent(): number;
  acknowledged(): number;
}

/** Sends the first `inFlight` messages at once (never more than `messages`). */
export function openAckWindow(send: () => void, messages: number, inFlight: number): AckWindow {
  const sentAtNs: number[] = [];
  let sent = 0;
  let acknowledged = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const sendNext = (): void => {
    sentAtNs.push(nowNs());
    sent += 1;
    send();
  };
  while (sent < Math.min(inFlight, messages)) sendNext();
  return {
    onAck() {
      const ackedNs = nowNs();
      const sentNs = sentAtNs.shift();
      if (sentNs === undefined) throw new Error('an acknowledgement came for a message never sent');
      acknowledged += 1;
      if (sent < messages) sendNext();
      if (acknowledged === messages) finish();
      return (ackedNs - sentNs) / 1000;
    },
    done,
    sent: () => sent,
    acknowledged: () => acknowledged,
  };
}
