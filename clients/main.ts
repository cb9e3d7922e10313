/**
 * A client process. The runner sends one `run` message over IPC; the process opens its
 * connections, reports each phase (so the runner's watchdog knows where a hang is), and answers with
 * the measured result. It exits on `stop`, or when the runner goes away.
 */
import { EXIT } from '../cli/exit-codes.js';
import { ClientRunError, type ClientRunner } from './client-lifecycle.js';
import type { ClientPhase, ClientRunConfig, ClientToRunner, RunnerToClient } from './client-protocol.js';
import { runChatClients } from './run-chat-clients.js';
import { runLlmClients } from './run-llm-clients.js';
import { runReconnectClients } from './run-reconnect-clients.js';
import { runStreamClients } from './run-stream-clients.js';
import { setClockCorrectionNs } from './clock.js';

const send = (message: ClientToRunner) => process.send?.(message);
const stop = new AbortController();
let running = false;
let release: () => void = () => undefined;
const started = new Promise<void>((resolve) => (release = resolve));
stop.signal.addEventListener('abort', () => release(), { once: true });

/** With `startGate`: says every connection is open, then waits for the runner's `start` (or a stop). */
async function startGate(): Promise<void> {
  send({ type: 'ready' });
  await started;
}

/** Which runner drives the connections: the scenario's own (LLM, chat, reconnect) or the plain streams. */
function runnerFor(config: ClientRunConfig): ClientRunner {
  if (config.llm) return runLlmClients;
  if (config.chat) return runChatClients;
  if (config.reconnect) return runReconnectClients;
  return runStreamClients;
}

async function run(config: ClientRunConfig): Promise<void> {
  running = true;
  setClockCorrectionNs(config.clockCorrectionNs ?? 0);
  const onPhase = (phase: ClientPhase) => send({ type: 'phase', phase });
  try {
    // Every runner goes through one lifecycle, so every one can hold its window for a start gate.
    const result = await runnerFor(config)(config, onPhase, stop.signal, startGate);
    send({ type: 'result', result });
  } catch (err) {
    const category =
      err instanceof ClientRunError ? err.category : ((err as { category?: string }).category ?? 'internal');
    send({ type: 'failed', category, message: (err as Error).message });
  }
  running = false;
}

if (process.send === undefined) {
  console.error(
    'clients/main.js is started by the runner (npm run bench); to measure your own server use: npm run bench -- --target URL',
  );
  process.exit(EXIT.usage);
}
process.on('message', (message: RunnerToClient) => {
  if (message.type === 'run') void run(message.config);
  if (message.type === 'start') release();
  // Mid-run, `stop` ends the run early (its result still comes back); after it, the process leaves.
  if (message.type === 'stop') {
    if (running) stop.abort();
    else process.exit(EXIT.ok);
  }
});
process.on('disconnect', () => process.exit(EXIT.ok));
