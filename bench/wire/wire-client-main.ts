/**
 * The wire client process (`dist/bench/wire/wire-client-main.js`), started by the wire cell runner:
 * it runs one job, sends back its result (or its failure, categorised) and exits when told to or
 * when the runner goes away. A process of its own, so its CPU per message is the client's alone.
 */
import { EXIT } from '../../cli/exit-codes.js';
import { PhaseError } from '../phase-error.js';
import type { RunnerToWireClient, WireClientToRunner, WireJob, WireJobResult } from './wire-client-protocol.js';

const send = (message: WireClientToRunner): void => void process.send?.(message);

/** Each probe is loaded when a job needs it: autocannon alone takes ~150 ms to load, paid by every stream cell otherwise. */
async function runJob(job: WireJob): Promise<WireJobResult> {
  if (job.probe === 'stream') {
    const { runStreamProbe } = await import('./stream-probe.js');
    return { probe: 'stream', stream: await runStreamProbe(job.stream) };
  }
  const { runUpstreamProbe } = await import('./upstream-probe.js');
  return { probe: 'upstream', upstream: await runUpstreamProbe(job.upstream) };
}

async function run(job: WireJob): Promise<void> {
  try {
    send({ type: 'result', result: await runJob(job) });
  } catch (error) {
    const category = error instanceof PhaseError ? error.category : 'internal';
    send({ type: 'failed', category, message: error instanceof Error ? error.message : String(error) });
  }
}

if (process.send === undefined) {
  console.error('bench/wire/wire-client-main.js is started by the runner: npm run bench -- --scenario wire');
  process.exit(EXIT.usage);
}
process.on('message', (message: RunnerToWireClient) => {
  if (message.type === 'run') void run(message.job);
  if (message.type === 'stop') process.exit(EXIT.ok);
});
process.on('disconnect', () => process.exit(EXIT.ok));
