/**
 * Reconnect mode: keeps N reconnecting connections (SSE or WS) through the phases connecting →
 * warm-up → measuring → closing while the runner breaks things under them (it holds the proxy and
 * the server). Each connection records its outages (clients/outage-log.ts); one receiver per
 * connection spans all its reconnections, so with resume every sequence number must arrive exactly
 * once, in order, whatever happened in between. The runner turns the outages into detection and
 * reconnection times against the moment it injected the fault.
 */
import { SSE_FAMILY, WS_FAMILY } from '../transports/families.js';
import { ClientRunError, type ClientRunner, gateOf, runClientLifecycle } from './client-lifecycle.js';
import type { ClientRunConfig, ClientRunResult, ReconnectClientConfig } from './client-protocol.js';
import type { ConnectionError } from './connection.js';
import { DeliveryTimeline } from './delivery-timeline.js';
import { OutageLog } from './outage-log.js';
import { SATURATION_ELU, type ProcessUsage } from './process-meter.js';
import { createReceiver, type MessageSink } from './receiver.js';
import { Recorder, encodeHistogram, type TimelinePointUs } from './recorder.js';
import type { ReconnectingClient, ReconnectOptions } from './reconnecting-client.js';
import { transportNamed } from '../transports/registry.js';
import { openReconnectingSse } from './reconnecting-sse-client.js';
import { openReconnectingWs } from './reconnecting-ws-client.js';

/** Fine enough to show an outage of a few hundred ms, and the replay burst after it. */
export const TIMELINE_BUCKET_MS = 100;

interface Member {
  client: ReconnectingClient;
  log: OutageLog;
}

const sumOver = (members: Member[], pick: (log: OutageLog) => number) =>
  members.reduce((total, { log }) => total + pick(log), 0);

function chooseClient(config: ClientRunConfig): (options: ReconnectOptions) => ReconnectingClient {
  const transport = transportNamed(config.transport);
  if (transport.capabilities.multiplexed)
    throw new ClientRunError(
      'config',
      `reconnect mode opens one connection per stream, not ${config.transport}'s multiplexed streams`,
    );
  if (transport.family === SSE_FAMILY) return openReconnectingSse;
  if (transport.family === WS_FAMILY) return openReconnectingWs;
  throw new ClientRunError('config', `reconnect mode supports the SSE and WS families, not ${config.transport}`);
}

/** Tells the log about every arrival (duplicates included) before the receiver checks it. */
function observeArrivals(sink: MessageSink, log: OutageLog): MessageSink {
  return {
    onText: (text, ns) => (log.onMessageArrived(ns), sink.onText(text, ns)),
    onBinary: (frame, ns) => (log.onMessageArrived(ns), sink.onBinary(frame, ns)),
    onEnd: (lastSeq) => sink.onEnd(lastSeq),
    get lastSeq() {
      return sink.lastSeq;
    },
  };
}

/** Resolves when the member's stream first opens; rejects if it stops for good before that. */
function firstOpen(member: Member): Promise<void> {
  const stoppedFirst = member.client.stopped.then((error: ConnectionError | undefined) => {
    throw new ClientRunError(
      error?.category ?? 'connect',
      error?.message ?? 'the client stopped before its stream opened',
    );
  });
  stoppedFirst.catch(() => undefined);
  return Promise.race([member.log.firstOpened, stoppedFirst]);
}

/**
 * Opens every member with up to `concurrency` handshakes in flight, starting the next as soon as one
 * opens: a slow handshake holds one slot, not a whole batch (batches that each waited for their
 * slowest member took over 25 s to open reconnect-storm's 1,000 on a busy machine). The whole phase
 * must end within the deadline.
 */
async function openAll(
  count: number,
  concurrency: number,
  deadlineMs: number,
  openMember: () => Member,
  members: Member[],
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  let opened = 0;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(
        new ClientRunError(
          'timeout:connecting',
          `${members.length} connections started, ${opened} open, not all within ${deadlineMs} ms`,
        ),
      );
    }, deadlineMs);
  });
  const openInTurn = async (): Promise<void> => {
    while (members.length < count && !expired) {
      const member = openMember();
      members.push(member);
      await firstOpen(member);
      opened++;
    }
  };
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, count) }, openInTurn)), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function mergeCounts(members: Member[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { log } of members)
    for (const [category, n] of Object.entries(log.errorCounts)) counts[category] = (counts[category] ?? 0) + n;
  return counts;
}

function summarise(
  settings: ReconnectClientConfig,
  recorder: Recorder,
  members: Member[],
  windowHeartbeats: number,
): Record<string, number> {
  const { integrity } = recorder;
  return {
    connections: members.length,
    messages_received: recorder.measuredMessages,
    messages_checked: integrity.received,
    // Without resume a reconnect starts at the live edge and loses what fell due meanwhile, by design:
    // that loss gets its own name so the correctness gate on lost_count keeps meaning "resume failed".
    [settings.resume ? 'lost_count' : 'lost_without_resume_count']: integrity.lost,
    duplicated_count: integrity.duplicated,
    reordered_count: integrity.reordered,
    corrupted_count: integrity.corrupted,
    replayed_count: sumOver(members, (log) => log.replayed),
    heartbeats_count: windowHeartbeats,
  };
}

/** Builds the members: one receiver per connection for its whole life, the log as its listener. */
function createMemberFactory(
  config: ClientRunConfig,
  settings: ReconnectClientConfig,
  recorder: Recorder,
  timeline: DeliveryTimeline,
): () => Member {
  const open = chooseClient(config);
  const url = new URL(config.url);
  const backoff = { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs };
  return () => {
    const log = new OutageLog();
    const onMessage = (env: { scheduledNs: number }, receivedNs: number) => {
      log.onMessageAccepted(env.scheduledNs);
      timeline.record(receivedNs, env.scheduledNs);
    };
    const sink = observeArrivals(createReceiver(recorder, { parseJson: true, onMessage }), log);
    const client = open({
      url,
      sink,
      resume: settings.resume,
      backoff,
      connectTimeoutMs: settings.connectTimeoutMs,
      idleTimeoutMs: settings.idleTimeoutMs,
      listener: log,
      ...(config.tls ? { tls: config.tls } : {}),
    });
    return { client, log };
  };
}

function saturationWarnings(usage: ProcessUsage): string[] {
  if (usage.elu <= SATURATION_ELU) return [];
  return [
    `client-saturated: the client's event loop was busy ${(usage.elu * 100).toFixed(0)}% of the window, so detection and reconnection times include its own queueing`,
  ];
}

/** Runs reconnect mode in a client process: connect, warm up, measure while the runner breaks things, close. */
export const runReconnectClients: ClientRunner = async (config, onPhase, stopSignal, startGate) => {
  const settings = config.reconnect;
  if (settings === undefined) throw new ClientRunError('config', 'reconnect mode needs config.reconnect');
  const recorder = new Recorder();
  const timeline = new DeliveryTimeline(TIMELINE_BUCKET_MS);
  const openMember = createMemberFactory(config, settings, recorder, timeline);
  const members: Member[] = [];
  let heartbeatsBefore = 0;
  let heartbeats = 0;
  let points: TimelinePointUs[] = [];
  return runClientLifecycle(
    { ...config, recorder, onPhase, stopSignal, startGate: gateOf(config, startGate) },
    {
      connect: () =>
        openAll(config.connections, config.connectConcurrency, settings.openDeadlineMs, openMember, members),
      // The measured window, during which the runner injects its fault.
      windowOpened: (startNs) => {
        heartbeatsBefore = sumOver(members, (log) => log.heartbeats);
        timeline.start(startNs);
      },
      windowClosed: (endNs) => {
        points = timeline.stop(endNs);
        heartbeats = sumOver(members, (log) => log.heartbeats) - heartbeatsBefore;
      },
      close: async () => {
        for (const { client } of members) client.close();
      },
      summarise: (window): ClientRunResult => {
        const latency = recorder.histograms.get('latency_us');
        return {
          metrics: {
            ...summarise(settings, recorder, members, heartbeats),
            client_cpu_pct: window.usage.cpuPct,
            client_elu: window.usage.elu,
          },
          histograms: latency !== undefined && latency.totalCount > 0 ? { latency_us: encodeHistogram(latency) } : {},
          timeline: points,
          errorCounts: mergeCounts(members),
          warnings: saturationWarnings(window.usage),
          reconnect: {
            windowStartNs: window.startNs,
            windowEndNs: window.endNs,
            outages: members.map((m) => m.log.outages),
            timelineBucketMs: TIMELINE_BUCKET_MS,
          },
        };
      },
    },
  );
};
