/** The one server start/stop of the cell runners, through real server processes. */
import { describe, expect, it } from 'vitest';
import { runCertificate } from '../servers/tls-files.js';
import { plainTransportOf, SSE_FAMILY } from '../transports/families.js';
import { TRANSPORTS, type TransportName } from '../transports/registry.js';
import { PhaseError } from './phase-error.js';
import { resolvePlan, type CellPlan } from './plan.js';
import type { ServerProcess } from './server-process.js';
import { liveChildCount } from './spawn.js';
import { withCellServer, withStartedServer } from './with-cell-server.js';
import { isRunning } from '../test/support/process-helpers.js';

function steadyCell(transport: TransportName, target?: string): CellPlan {
  const cell = resolvePlan({ profile: 'quick', scenarios: ['steady'], transports: [transport] }).cells[0]!;
  return target === undefined ? cell : { ...cell, target };
}

async function until(condition: () => boolean, deadlineMs = 5000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const plain = plainTransportOf(SSE_FAMILY);
const tlsTransport = TRANSPORTS.find((t) => t.capabilities.tls && !t.capabilities.multiplexed)!;

describe('withCellServer', () => {
  it("starts the cell's server, hands it to the body, returns the body's result and stops it", async () => {
    let seen: ServerProcess | undefined;
    const result = await withCellServer(steadyCell(plain), async ({ process, url, describe }) => {
      seen = process;
      expect(process).toBeDefined();
      expect(url).toBe(process!.url);
      expect(isRunning(process!.pid)).toBe(true);
      expect(describe()).toMatchObject({ transport: plain, port: process!.port });
      return 42;
    });
    expect(result).toBe(42);
    expect(isRunning(seen!.pid)).toBe(false);
    expect(liveChildCount()).toBe(0);
  });

  it('stops the server when the body throws, and passes the error on', async () => {
    let pid: number | undefined;
    const failing = withCellServer(steadyCell(plain), async ({ process }) => {
      pid = process!.pid;
      throw new PhaseError('integrity', 'the body failed');
    });
    await expect(failing).rejects.toMatchObject({ category: 'integrity', message: 'the body failed' });
    expect(pid).toBeDefined();
    expect(isRunning(pid!)).toBe(false);
    expect(liveChildCount()).toBe(0);
  });

  it("gives a TLS transport's server the run's certificate and its client the certificate to trust", async () => {
    const certificate = runCertificate();
    await withCellServer(steadyCell(tlsTransport.name), async ({ process, client }) => {
      expect(new URL(process!.url).protocol).toBe(tlsTransport.scheme);
      expect(process!.config.tls).toMatchObject({ certFile: certificate.certFile, keyFile: certificate.keyFile });
      expect(client.tls).toEqual({ caFile: certificate.certFile });
    });
    expect(liveChildCount()).toBe(0);
  });

  it('a plain transport gets no certificate', async () => {
    await withCellServer(steadyCell(plain), async ({ process, client }) => {
      expect(process!.config.tls).toBeUndefined();
      expect(client.tls).toBeUndefined();
    });
  });

  it('starts no server for a --target cell: the body gets the target', async () => {
    const target = 'http://127.0.0.1:9/stream';
    const before = liveChildCount();
    const got = await withCellServer(steadyCell(plain, target), async ({ process, url, describe }) => {
      expect(liveChildCount()).toBe(before);
      return { process, url, described: describe() };
    });
    expect(got).toEqual({ process: undefined, url: target, described: { target } });
  });

  it('refuses a --target cell as a config error when the runner measures its own servers only', async () => {
    let ran = false;
    const refused = withCellServer(
      steadyCell(plain, 'http://127.0.0.1:9/stream'),
      async () => {
        ran = true;
      },
      { ownServerOnly: 'own servers only' },
    );
    await expect(refused).rejects.toMatchObject({ category: 'config', message: 'own servers only' });
    expect(ran).toBe(false);
    expect(liveChildCount()).toBe(0);
  });

  it('stops the server at once when the run is aborted, while the body still runs', async () => {
    const abort = new AbortController();
    let pid: number | undefined;
    const result = await withCellServer(
      steadyCell(plain),
      async ({ process }) => {
        pid = process!.pid;
        abort.abort();
        await until(() => liveChildCount() === 0);
        return isRunning(pid);
      },
      { abort: abort.signal },
    );
    expect(result).toBe(false);
  });

  it('stops a server whose start the abort overtook, and never runs the body', async () => {
    const abort = new AbortController();
    let stopped = 0;
    let ran = false;
    const run = withStartedServer(
      async () => {
        abort.abort();
        return {
          stop: async () => {
            stopped++;
          },
        };
      },
      async () => {
        ran = true;
      },
      abort.signal,
    );
    await expect(run).rejects.toBeInstanceOf(PhaseError);
    expect(ran).toBe(false);
    expect(stopped).toBeGreaterThan(0);
  });
});
