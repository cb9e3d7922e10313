/**
 * Entry point: `npm run server -- --transport sse|ws|tcp`. Standalone it prints the URL and serves
 * until Ctrl-C. As a child of the runner (an IPC channel exists) it reports readiness and its port
 * over IPC, answers resource samples, and exits when told to or when the runner goes away, so no
 * server ever outlives a run.
 */
import { EXIT } from '../cli/exit-codes.js';
import { UsageError } from '../cli/usage-error.js';
import { parseServerArgs, SERVER_HELP } from './server-args.js';
import type { RunningServer } from './http-util.js';
import { startServer } from './start-server.js';
import type { ServerConfig } from './server-config.js';

/** Messages between the runner and a server child; the runner imports these types. */
export type ServerToRunner =
  | { type: 'ready'; port: number; url: string; config: ServerConfig }
  | { type: 'start-failed'; message: string }
  | { type: 'sample'; sample: ServerSample };
/** `gc: true` collects garbage first, for memory figures; never inside a latency window. */
export type RunnerToServer = { type: 'sample'; gc?: boolean } | { type: 'stop' };

export interface ServerSample {
  cpuUserUs: number;
  cpuSystemUs: number;
  rssBytes: number;
  heapUsedBytes: number;
  connectionsOpen: number;
  messagesDelivered: number;
  messagesPublished: number;
  /** Client→server messages the upstream endpoints received. */
  upstreamReceived: number;
  /** Bytes every accepted socket read / wrote so far (the wire scenarios check them against the client's). */
  socketBytesRead?: number;
  socketBytesWritten?: number;
  atNs: string;
}

function takeSample(server: RunningServer): ServerSample {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    connectionsOpen: server.counters.connectionsOpen,
    messagesDelivered: server.counters.messagesDelivered,
    messagesPublished: server.messagesPublished(),
    upstreamReceived: server.counters.upstreamReceived,
    ...socketBytesOf(server),
    atNs: process.hrtime.bigint().toString(),
  };
}

function socketBytesOf(server: RunningServer): Pick<ServerSample, 'socketBytesRead' | 'socketBytesWritten'> {
  const total = server.socketBytes?.();
  return total === undefined ? {} : { socketBytesRead: total.bytesRead, socketBytesWritten: total.bytesWritten };
}

function serveUnderRunner(server: RunningServer, config: ServerConfig): void {
  const send = (message: ServerToRunner) => process.send?.(message);
  send({ type: 'ready', port: server.port, url: server.url, config: { ...config, port: server.port } });
  process.on('message', (message: RunnerToServer) => {
    if (message.type === 'sample') {
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'sample', sample: takeSample(server) });
    }
    if (message.type === 'stop') void server.close().then(() => process.exit(EXIT.ok));
  });
  // The runner died or closed the channel: nothing will stop us later, so stop now.
  process.on('disconnect', () => void server.close().finally(() => process.exit(EXIT.ok)));
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    const parsed = parseServerArgs(process.argv.slice(2));
    if ('help' in parsed) {
      console.log(SERVER_HELP);
      return;
    }
    config = parsed;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`error: ${err.message}`);
    process.exitCode = EXIT.usage;
    return;
  }
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    const hint =
      error.code === 'EADDRINUSE'
        ? `: port ${config.port} is in use; choose another with --port, or --port 0 for a free one`
        : '';
    process.send?.({ type: 'start-failed', message: `${error.message}${hint}` } satisfies ServerToRunner);
    console.error(`error: could not start the ${config.transport} server: ${error.message}${hint}`);
    process.exitCode = EXIT.startFailed;
    return;
  }
  if (process.send !== undefined) {
    serveUnderRunner(server, config);
    return;
  }
  console.log(`${config.transport} server listening: ${server.url}`);
  console.log(`stream defaults: ${JSON.stringify(config.defaults)}  (Ctrl-C to stop)`);
  const shutdown = () => void server.close().then(() => process.exit(EXIT.ok));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`internal error: ${(err as Error).stack ?? String(err)}`);
  process.exit(EXIT.internal);
});
