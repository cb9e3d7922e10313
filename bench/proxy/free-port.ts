/**
 * A TCP port free right now, for programs that cannot listen on port 0 and report back (nginx).
 * Another process may take it before the program binds, so callers retry on EADDRINUSE.
 */
import net from 'node:net';

/** Binds port 0 on `host`, reads the port the OS chose, and releases it. */
export async function findFreePort(host: string): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error(`no TCP address when binding ${host}:0`);
  return address.port;
}

/**
 * Resolves true once a TCP connection to host:port is accepted; false once `deadlineMs` has passed
 * or `giveUp` is aborted (the program exited: no point polling a port nobody will open).
 */
export async function waitUntilAccepting(
  host: string,
  port: number,
  deadlineMs: number,
  giveUp: AbortSignal,
  pollMs = 20,
): Promise<boolean> {
  const giveUpAt = Date.now() + deadlineMs;
  while (Date.now() < giveUpAt && !giveUp.aborted) {
    if (await tryConnect(host, port)) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return false;
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    // Refused while the program is still starting: the caller polls again.
    socket.once('error', () => resolve(false));
  });
}
