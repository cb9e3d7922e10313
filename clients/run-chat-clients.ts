/**
 * The chat scenario from the client side (claim WS-9: "fits complex cases with many exchanges").
 * Every member sends small messages on an open-loop schedule and receives every member's messages.
 * Latency is sender → server → each receiver, from the sender's scheduled send time. Over WS a
 * member sends and receives on one socket; over SSE it listens on GET /chat and sends each message
 * as an HTTP POST on a keep-alive connection, as an SSE application has to.
 */
import http from 'node:http';
import net from 'node:net';
import { checksumOf, decodeText, encodeText, EnvelopeError } from '../servers/envelope.js';
import { SSE_FAMILY, WS_FAMILY } from '../transports/families.js';
import { transportNamed } from '../transports/registry.js';
import { ClientRunError, type ClientRunner, gateOf, runClientLifecycle, sleep } from './client-lifecycle.js';
import { nowNs } from './clock.js';
import { Recorder } from './recorder.js';
import { SequenceTracker } from './sequence-tracker.js';
import { openSseConnection } from './sse-connection.js';
import { summariseClientRun } from './summarise.js';
import { WebSocket } from './ws-connection.js';

interface Member {
  send(line: string): void;
  bytes(): { read: number; written: number };
  close(): void;
}

/** Lets in-flight messages land after the senders stop, before the sockets close. */
const DRAIN_MS = 300;

/** Integrity per sender: every member's messages form their own sequence. */
function createChatReceiver(recorder: Recorder): (line: string, receivedNs: number) => void {
  const trackers = new Map<number, SequenceTracker>();
  return (line, receivedNs) => {
    let env;
    try {
      env = decodeText(line);
    } catch (err) {
      if (!(err instanceof EnvelopeError)) throw err;
      recorder.integrity.corrupted++;
      return;
    }
    let tracker = trackers.get(env.streamId);
    if (tracker === undefined) trackers.set(env.streamId, (tracker = new SequenceTracker(recorder.integrity, 0)));
    if (!tracker.accept(env.seq)) return;
    if (!env.checksumOk) recorder.integrity.corrupted++;
    recorder.recordLatency(receivedNs, env.scheduledNs, env.writtenNs);
  };
}

async function joinOverWs(url: URL, onLine: (line: string, ns: number) => void): Promise<Member> {
  let socket: net.Socket | undefined;
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    createConnection: ((options: net.NetConnectOpts) => (socket = net.connect(options))) as never,
  });
  ws.on('message', (data: Buffer) => onLine(data.toString(), nowNs()));
  await new Promise<void>((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return {
    send: (line) => ws.send(line),
    bytes: () => ({ read: socket?.bytesRead ?? 0, written: socket?.bytesWritten ?? 0 }),
    close: () => ws.terminate(),
  };
}

async function joinOverSse(url: URL, onLine: (line: string, ns: number) => void): Promise<Member> {
  const sockets: net.Socket[] = [];
  // One keep-alive connection for this member's posts, beside its stream: the POST path's real cost.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const createConnection = (options: net.NetConnectOpts) => {
    const socket = net.connect(options);
    sockets.push(socket);
    return socket;
  };
  (agent as unknown as { createConnection: typeof createConnection }).createConnection = createConnection;
  const stream = openSseConnection({
    url,
    sink: { onText: onLine, onBinary: () => undefined, onEnd: () => undefined, lastSeq: undefined },
  });
  await stream.opened;
  const post = (line: string) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, (res) =>
      res.resume(),
    );
    req.on('error', () => undefined); // a post that fails shows up as a gap at every receiver
    req.end(line);
  };
  return {
    send: post,
    bytes: () => {
      const streamBytes = stream.bytes();
      return sockets.reduce((sum, s) => ({ read: sum.read + s.bytesRead, written: sum.written + s.bytesWritten }), {
        read: streamBytes.read,
        written: streamBytes.written,
      });
    },
    close: () => {
      stream.close();
      agent.destroy();
    },
  };
}

/**
 * Each member's open-loop sender: message k at start + k / rate, stamped with that time. Members
 * are spread evenly over one period (`phase` from 0 to 1): fifty members posting in the same
 * instant would measure a synchronised burst, not a chat.
 */
interface Sender {
  /** Messages sent so far. */
  sent(): number;
  /** Stops the schedule; returns the messages sent. */
  stop(): number;
}

function startSending(member: Member, memberId: number, ratePerSec: number, payload: string, phase: number): Sender {
  const startNs = nowNs() + (phase * 1e9) / ratePerSec;
  const checksum = checksumOf(payload);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const due = Math.max(0, Math.floor(((nowNs() - startNs) * ratePerSec) / 1e9) + 1);
    while (sent < due) {
      sent++;
      const scheduledNs = BigInt(Math.round(startNs + ((sent - 1) * 1e9) / ratePerSec));
      member.send(encodeText({ streamId: memberId, seq: sent, scheduledNs, kind: 'text', payload, checksum }));
    }
    timer = setTimeout(tick, Math.max(0, (startNs + (sent * 1e9) / ratePerSec - nowNs()) / 1e6));
  };
  timer = setTimeout(tick, Math.max(0, (startNs - nowNs()) / 1e6));
  return {
    sent: () => sent,
    stop: () => {
      clearTimeout(timer);
      return sent;
    },
  };
}

const countSent = (senders: Sender[]) => senders.reduce((total, sender) => total + sender.sent(), 0);

/** How a member joins over the run's transport: its socket over the WS family, a stream and POSTs over SSE. */
function joinerFor(transport: string): (url: URL, onLine: (line: string, ns: number) => void) => Promise<Member> {
  const { family, capabilities } = transportNamed(transport);
  // Members open plain sockets of their own: no TLS session, no shared HTTP/2 connection.
  if (!capabilities.tls && !capabilities.multiplexed) {
    if (family === WS_FAMILY) return joinOverWs;
    if (family === SSE_FAMILY) return joinOverSse;
  }
  throw new ClientRunError('config', `the chat scenario runs over the plain SSE and WS transports, not ${transport}`);
}

export const runChatClients: ClientRunner = async (config, onPhase, stopSignal, startGate) => {
  const chat = config.chat!;
  const recorder = new Recorder();
  const url = new URL(config.url);
  const payload = 'x'.repeat(chat.payloadBytes);
  const members: Member[] = [];
  let senders: Sender[] = [];
  let sent = 0;
  let before: { read: number; written: number }[] = [];
  let after: { read: number; written: number }[] = [];
  let sentBefore = 0;
  let sentInWindow = 0;
  return runClientLifecycle(
    { ...config, recorder, onPhase, stopSignal, startGate: gateOf(config, startGate) },
    {
      connect: async () => {
        const join = joinerFor(config.transport);
        // Each member checks every sender's sequence on its own: 50 members each receive message 7 once.
        for (let i = 0; i < config.connections; i++) members.push(await join(url, createChatReceiver(recorder)));
      },
      warmupStarted: () =>
        (senders = members.map((member, i) =>
          startSending(member, i + 1, chat.ratePerSecPerMember, payload, i / members.length),
        )),
      windowOpened: () => {
        before = members.map((m) => m.bytes());
        sentBefore = countSent(senders);
      },
      windowClosed: () => {
        after = members.map((m) => m.bytes());
        sentInWindow = countSent(senders) - sentBefore;
      },
      close: async () => {
        sent = senders.reduce((total, sender) => total + sender.stop(), 0);
        await sleep(DRAIN_MS);
        for (const member of members) member.close();
      },
      summarise: (window) => {
        const down = after.reduce((sum, b, i) => sum + b.read - before[i]!.read, 0);
        const up = after.reduce((sum, b, i) => sum + b.written - before[i]!.written, 0);
        const result = summariseClientRun({
          recorder,
          setupHistograms: new Map(),
          connections: members.length,
          windowMs: window.ms,
          usage: window.usage,
          errorCounts: {},
        });
        // Upstream bytes per message sent: a WS frame, or a whole HTTP POST with its headers and response.
        result.metrics.chat_messages_sent = sent;
        if (sentInWindow > 0) result.metrics.wire_bytes_up_per_msg = up / sentInWindow;
        result.metrics.wire_bytes_down_per_msg = recorder.measuredMessages > 0 ? down / recorder.measuredMessages : 0;
        return result;
      },
    },
  );
};
