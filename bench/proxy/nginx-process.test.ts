/**
 * The private nginx's life cycle: it starts on a free loopback port, proxies, and leaves nothing
 * behind (no master, no worker, no directory) when stopped or when it cannot start. Fails, never
 * skips, without nginx: CI installs it with bench/setup/install-system-packages.sh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PhaseError } from '../phase-error.js';
import { DIST_ROOT } from '../spawn.js';
import { findNginxBinary, NGINX_INSTALL_HINT } from './nginx-binary.js';
import { NGINX_PROFILES, type NginxProfile } from './nginx-configs.js';
import { startNginx, type NginxProcess } from './nginx-process.js';
import { isProcessAlive } from './process-tree.js';

const cleanups: (() => Promise<void>)[] = [];

// Every test fails (none is skipped) without nginx: CI installs it, so its absence is a broken setup.
beforeEach(() => {
  if (findNginxBinary() === undefined) throw new Error(NGINX_INSTALL_HINT);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An upstream that answers every request with its HTTP version, so the proxy hop is visible. */
async function startEchoVersionServer(): Promise<number> {
  const server = http.createServer((req, res) => res.end(`upstream saw HTTP/${req.httpVersion} ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return (server.address() as AddressInfo).port;
}

async function start(profile: NginxProfile, upstreamPort: number): Promise<NginxProcess> {
  const nginx = await startNginx({ profile, upstream: `127.0.0.1:${upstreamPort}` });
  cleanups.push(() => nginx.stop());
  return nginx;
}

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
      })
      .on('error', reject);
  });
}

const privateDirs = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith('sse-ws-bench-nginx-'));

describe('a private nginx', () => {
  it.each(['default', 'tuned'] as const)(
    'proxies with the %s profile and leaves no process or directory after stop',
    async (name) => {
      const upstreamPort = await startEchoVersionServer();
      const nginx = await start(NGINX_PROFILES[name], upstreamPort);
      expect(nginx.port).toBeGreaterThan(0);
      expect(nginx.port).not.toBe(upstreamPort);
      const expectedVersion = name === 'default' ? '1.0' : '1.1';
      expect(await get(nginx.port, '/stream?x=1')).toBe(`200 upstream saw HTTP/${expectedVersion} /stream?x=1`);
      const pids = nginx.processIds();
      expect(pids.length).toBeGreaterThanOrEqual(2); // the master and its one worker
      expect(existsSync(`${nginx.tmpDir}/nginx.conf`)).toBe(true);
      await nginx.stop();
      await nginx.stop(); // a second stop is harmless
      expect(pids.filter((pid) => isProcessAlive(pid))).toEqual([]);
      expect(existsSync(nginx.tmpDir)).toBe(false);
      expect(nginx.errorLog()).not.toMatch(/\[(emerg|alert|crit)\]/);
    },
  );

  it('rejects a configuration nginx will not load with its own message, and cleans up', async () => {
    const before = privateDirs();
    const broken: NginxProfile = { ...NGINX_PROFILES.tuned, locationDirectives: ['proxy_buffering sometimes;'] };
    const failure = await startNginx({ profile: broken, upstream: '127.0.0.1:9' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PhaseError);
    expect((failure as PhaseError).category).toBe('server-start');
    expect((failure as PhaseError).message).toMatch(/proxy_buffering/);
    expect(privateDirs()).toEqual(before);
  });

  it('two instances run side by side on different ports', async () => {
    const upstreamPort = await startEchoVersionServer();
    const [a, b] = await Promise.all([
      start(NGINX_PROFILES.default, upstreamPort),
      start(NGINX_PROFILES.tuned, upstreamPort),
    ]);
    expect(a.port).not.toBe(b.port);
    expect(a.tmpDir).not.toBe(b.tmpDir);
    expect(await get(b.port, '/')).toMatch(/^200 /);
  });

  it.each(['exits', 'throws'] as const)(
    'is ended with its directory when the process that started it %s without stopping it',
    async (how) => {
      const upstreamPort = await startEchoVersionServer();
      // A separate Node process (the compiled module, as the runner uses it) that leaves without a stop().
      const script = `
      const { startNginx } = await import(${JSON.stringify(`${DIST_ROOT}bench/proxy/nginx-process.js`)});
      const { NGINX_PROFILES } = await import(${JSON.stringify(`${DIST_ROOT}bench/proxy/nginx-configs.js`)});
      const nginx = await startNginx({ profile: NGINX_PROFILES.tuned, upstream: '127.0.0.1:${upstreamPort}' });
      console.log(JSON.stringify({ pids: nginx.processIds(), tmpDir: nginx.tmpDir }));
      ${how === 'exits' ? 'process.exit(0);' : "throw new Error('boom');"}`;
      let output: string;
      try {
        output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 20_000,
        });
      } catch (err) {
        output = String((err as { stdout?: string }).stdout ?? '');
      }
      const left = JSON.parse(output.trim().split('\n')[0]!) as { pids: number[]; tmpDir: string };
      expect(left.pids.length).toBeGreaterThanOrEqual(2);
      expect(left.pids.filter((pid) => isProcessAlive(pid))).toEqual([]);
      expect(existsSync(left.tmpDir)).toBe(false);
    },
  );
});
