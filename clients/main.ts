/**
 * A client process. The runner sends one `run` message over IPC; the process opens its
 * connections, reports each phase (so the runner's watchdog knows where a hang is), and answers with
 * the measured result. It exits on `stop`, or when the runner goes away.
 */
import { EXIT } from '../cli/exit-codes.js';
import type { ClientPhase, ClientRunConfig, ClientToRunner, RunnerToClient } from './client-protocol.js';
import { runChatClients } from './run-chat-clients.js';
import { runLlmClients } from './run-llm-clients.js';
import { runReconnectClients } from './run-reconnect-clients.js';
import { ClientRunError, runStreamClients } from './run-stream-clients.js';

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

async function run(config: ClientRunConfig): Promise<void> {
  running = true;
  const onPhase = (phase: ClientPhase) => send({ type: 'phase', phase });
  try {
    const special = config.llm
      ? runLlmClients
      : config.chat
        ? runChatClients
        : config.reconnect
          ? runReconnectClients
          : undefined;
    // Only the plain stream clients hold their window for a start gate (the runner's plan ensures it).
    if (special !== undefined && config.startGate) throw new Error('startGate is for stream clients only');
    const result =
      special !== undefined
        ? await special(config, onPhase, stop.signal)
        : await runStreamClients(config, onPhase, stop.signal, startGate);
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
