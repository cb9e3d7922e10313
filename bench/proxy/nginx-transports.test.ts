/**
 * SSE and WebSocket through a real nginx, with in-process servers: what passes the default and the
 * tuned configuration, complete and in order, and how a refusal shows (a categorised error, not a
 * crash). Fails, never skips, without nginx: CI installs it with bench/setup/install-system-packages.sh.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../servers/http-util.js';
import type { TransportName } from '../../servers/server-config.js';
import { collect, startTestServer, type Collected } from '../../test/support/server-helpers.js';
import { findNginxBinary, NGINX_INSTALL_HINT } from './nginx-binary.js';
import { NGINX_PROFILES, type NginxProfileName } from './nginx-configs.js';
import { startNginx } from './nginx-process.js';
import { throughProxy } from './run-proxy-cell.js';

const MESSAGES = 300;
const cleanups: (() => Promise<void> | void)[] = [];

// Every test fails (none is skipped) without nginx: CI installs it, so its absence is a broken setup.
beforeEach(() => {
  if (findNginxBinary() === undefined) throw new Error(NGINX_INSTALL_HINT);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server of `transport` behind a private nginx with `profile`; returns the bounded stream's URL through nginx. */
async function streamThroughNginx(
  transport: TransportName,
  profile: NginxProfileName,
  overrides: Parameters<typeof startTestServer>[1] = {},
): Promise<string> {
  const server: RunningServer = await startTestServer(transport, overrides);
  cleanups.push(() => server.close());
  const nginx = await startNginx({ profile: NGINX_PROFILES[profile], upstream: `127.0.0.1:${server.port}` });
  cleanups.push(() => nginx.stop());
  return throughProxy(`${server.url}?rate=2000&count=${MESSAGES}&size=64`, nginx.port);
}

function open(transport: TransportName, url: string): Collected {
  const collected = collect(transport, url);
  cleanups.push(() => collected.connection.close());
  return collected;
}

async function expectCompleteInOrder(collected: Collected): Promise<void> {
  await collected.connection.opened;
  const messages = await collected.waitFor(MESSAGES + 1);
  expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
  expect(collected.endedAt).toBe(MESSAGES);
  expect(await collected.connection.closed).toBeUndefined();
}

describe('SSE through nginx', () => {
  it('streams every message in order through the tuned configuration', async () => {
    await expectCompleteInOrder(open('sse', await streamThroughNginx('sse', 'tuned')));
  });

  it('streams every message in order through the default configuration too (it only delays them)', async () => {
    await expectCompleteInOrder(
      open('sse', await streamThroughNginx('sse', 'default', { accelBufferingHeader: false })),
    );
  });
});

describe('WebSocket through nginx', () => {
  it('is refused by the default configuration with an http-status error (nginx does not forward Upgrade)', async () => {
    const collected = open('ws', await streamThroughNginx('ws', 'default'));
    await expect(collected.connection.opened).rejects.toMatchObject({
      category: 'http-status',
      message: expect.stringMatching(/expected 101, got 426/),
    });
    expect(await collected.connection.closed).toMatchObject({ category: 'http-status' });
    expect(collected.messages).toEqual([]);
  });

  it('streams every message in order through the tuned configuration', async () => {
    await expectCompleteInOrder(open('ws', await streamThroughNginx('ws', 'tuned')));
  });
});
