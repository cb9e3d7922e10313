/**
 * The seed's LLM case from the client side: each virtual user sends a prompt, reads the streamed
 * answer to its end marker, and sends the next, until the window closes. SSE by GET or POST opens an
 * HTTP request per prompt on a keep-alive socket (as fetch-event-source does); WS sends each prompt
 * on its one open socket. Time to first token counts from the moment the prompt is sent.
 */
import { nowNs } from './clock.js';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { decodeEndText, type DecodedEnvelope } from '../servers/envelope.js';
import { WS_FAMILY } from '../transports/families.js';
import { type ClientRunner, gateOf, runClientLifecycle } from './client-lifecycle.js';
import type { LlmClientConfig } from './client-protocol.js';
import { createReceiver, type MessageSink } from './receiver.js';
import { Recorder } from './recorder.js';
import type { SseOpenOptions } from './sse-connection.js';
import type { ClientTls } from './connection.js';
import { transportNamed } from '../transports/registry.js';
import type { OpenConnection } from '../transports/transport.js';
import { summariseClientRun } from './summarise.js';
import { WebSocket } from './ws-connection.js';

/** Times one answer: first token from the prompt's send, then the gap between tokens. */
function createAnswerTimer(recorder: Recorder, sentNs: number): (env: DecodedEnvelope, receivedNs: number) => void {
  let previousNs: number | undefined;
  return (_env, receivedNs) => {
    if (previousNs === undefined) recorder.record('ttft_us', (receivedNs - sentNs) / 1000);
    else recorder.record('itl_us', (receivedNs - previousNs) / 1000);
    previousNs = receivedNs;
  };
}

function promptBody(llm: LlmClientConfig): Record<string, string | number> {
  return { prompt: llm.prompt, tokens: llm.tokens, tokenDelayMs: llm.tokenDelayMs };
}

/** One SSE prompt: resolves at the end marker, rejects on a failed stream. */
async function askOverSse(
  open: OpenConnection,
  url: URL,
  llm: LlmClientConfig,
  agent: http.Agent | undefined,
  tls: ClientTls | undefined,
  recorder: Recorder,
): Promise<void> {
  const body = promptBody(llm);
  const target = new URL(url.href);
  if (llm.method === 'sse-get') for (const [k, v] of Object.entries(body)) target.searchParams.set(k, String(v));
  let done: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (done = resolve));
  const sink = createReceiver(recorder, { parseJson: false, onMessage: createAnswerTimer(recorder, nowNs()) });
  const ending: MessageSink = {
    ...sink,
    onEnd: (lastSeq) => (sink.onEnd(lastSeq), done()),
    onText: sink.onText,
    onBinary: sink.onBinary,
    lastSeq: undefined,
  };
  const options: SseOpenOptions = {
    url: target,
    sink: ending,
    method: llm.method === 'sse-post' ? 'POST' : 'GET',
    ...(agent ? { agent } : {}),
    ...(tls ? { tls } : {}),
    ...(llm.method === 'sse-post' ? { body: JSON.stringify(body) } : {}),
  };
  const connection = open(options);
  await connection.opened;
  const error = await Promise.race([answered.then(() => undefined), connection.closed]);
  if (error !== undefined) throw Object.assign(new Error(error.message), { category: error.category });
  await connection.closed;
}

/** A WS user's one socket, opened in the connecting phase; trusting what the run trusts. */
async function openWsUser(url: URL, tls: ClientTls | undefined): Promise<WebSocket> {
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    ...(tls?.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    ...(tls?.insecure ? { rejectUnauthorized: false } : {}),
  });
  await new Promise<void>((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return ws;
}

/** A WS user: prompts in sequence on its open socket; resolves when `shouldStop` says so. */
async function runWsUser(
  ws: WebSocket,
  llm: LlmClientConfig,
  recorder: Recorder,
  shouldStop: () => boolean,
): Promise<void> {
  try {
    while (!shouldStop()) {
      await new Promise<void>((resolve, reject) => {
        const sink = createReceiver(recorder, { parseJson: false, onMessage: createAnswerTimer(recorder, nowNs()) });
        const onMessage = (data: Buffer) => {
          const receivedNs = nowNs();
          const text = data.toString();
          const lastSeq = decodeEndText(text);
          if (lastSeq === undefined) return sink.onText(text, receivedNs);
          sink.onEnd(lastSeq);
          ws.off('message', onMessage);
          ws.off('close', onClose); // one listener per prompt, gone with its answer
          resolve();
        };
        const onClose = (code: number) =>
          reject(Object.assign(new Error(`closed with ${code}`), { category: `close:${code}` }));
        ws.on('message', onMessage);
        ws.once('close', onClose);
        ws.send(JSON.stringify(promptBody(llm)));
      });
    }
  } finally {
    ws.terminate();
  }
}

/** One socket per user, kept alive between prompts; over TLS, trusting what the run trusts. */
function keepAliveAgent(url: URL, tls: ClientTls | undefined): http.Agent {
  if (url.protocol !== 'https:') return new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new https.Agent({
    keepAlive: true,
    maxSockets: 1,
    ...(tls?.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    rejectUnauthorized: tls?.insecure !== true,
  });
}

/**
 * Each user prompts in a loop from the warm-up on. When the window's time is up the users stop
 * prompting and the window waits for the answers in flight, so every answer it counts is whole.
 */
export const runLlmClients: ClientRunner = async (config, onPhase, stopSignal, startGate) => {
  const llm = config.llm!;
  const recorder = new Recorder();
  const url = new URL(config.url);
  const transport = transportNamed(config.transport);
  const agents: http.Agent[] = [];
  const sockets: WebSocket[] = [];
  /** Each user's way to prompt, ready once the connecting phase is over (a WS user's socket is open). */
  let ready: Promise<(shouldStop: () => boolean) => Promise<void>>[] = [];
  let users: Promise<void>[] = [];
  let outcomes: PromiseSettledResult<void>[] = [];
  let settled = 0;
  let due = false;
  let finishedBeforeWindow = false;
  const shouldStop = () => due || stopSignal.aborted;

  const connect = async (): Promise<void> => {
    const open = await transport.loadClient();
    const prepare = async (): Promise<(stop: () => boolean) => Promise<void>> => {
      if (llm.method === WS_FAMILY) {
        const ws = await openWsUser(url, config.tls);
        sockets.push(ws);
        return (stop) => runWsUser(ws, llm, recorder, stop);
      }
      // Over HTTP/1.1 a user's prompts reuse one keep-alive socket; over HTTP/2 they are streams of one session.
      const agent = transport.capabilities.multiplexed ? undefined : keepAliveAgent(url, config.tls);
      if (agent) agents.push(agent);
      return async (stop) => {
        while (!stop()) await askOverSse(open, url, llm, agent, config.tls, recorder);
      };
    };
    ready = Array.from({ length: config.connections }, prepare);
    await Promise.allSettled(ready);
  };

  return runClientLifecycle(
    { ...config, recorder, onPhase, stopSignal, startGate: gateOf(config, startGate) },
    {
      connect,
      warmupStarted: () =>
        (users = ready.map((user) => user.then((prompt) => prompt(shouldStop)).finally(() => settled++))),
      ended: () => Promise.allSettled(users),
      windowOpened: () => (finishedBeforeWindow = settled === users.length),
      windowEnding: async () => {
        due = true;
        outcomes = await Promise.allSettled(users);
      },
      close: async () => {
        due = true;
        for (const agent of agents) agent.destroy();
        // A user's loop ends its socket; these are the ones of users a failed run never started.
        for (const ws of sockets) ws.terminate();
      },
      summarise: (window) => {
        const errorCounts: Record<string, number> = {};
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            const category = (outcome.reason as { category?: string }).category ?? 'internal';
            errorCounts[category] = (errorCounts[category] ?? 0) + 1;
          }
        }
        if (outcomes.every((o) => o.status === 'rejected')) {
          const reason = (outcomes[0] as PromiseRejectedResult).reason as { category?: string; message?: string };
          throw Object.assign(new Error(reason.message ?? 'every user failed'), {
            category: reason.category ?? 'connect',
          });
        }
        if (finishedBeforeWindow) {
          throw Object.assign(new Error('every user finished before the measured window opened'), {
            category: 'timeout:warmup',
          });
        }
        return summariseClientRun({
          recorder,
          setupHistograms: new Map(),
          connections: config.connections,
          windowMs: window.ms,
          usage: window.usage,
          errorCounts,
        });
      },
    },
  );
};
