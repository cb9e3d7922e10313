/**
 * Every registered transport is a whole unit (data, server, client), works end to end with the
 * certificate the run makes, and is named nowhere outside this folder — so adding one touches its
 * own file and the registry line only.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../bench/paths.js';
import type { DecodedEnvelope } from '../servers/envelope.js';
import { DEFAULT_SERVER_CONFIG } from '../servers/server-config.js';
import { startServer } from '../servers/start-server.js';
import { runCertificate } from '../servers/tls-files.js';
import { collect } from '../test/support/server-helpers.js';
import { defaultTransportNames, TRANSPORTS, transportForScheme } from './registry.js';

describe('the transport registry', () => {
  it('holds whole transports: unique names, every field, server and client code that loads', async () => {
    expect(new Set(TRANSPORTS.map((t) => t.name)).size).toBe(TRANSPORTS.length);
    for (const transport of TRANSPORTS) {
      expect(transport.label, transport.name).not.toBe('');
      expect(['sse', 'ws', 'tcp']).toContain(transport.family);
      expect(transport.layer, transport.name).not.toBe('');
      expect(transport.description, transport.name).not.toBe('');
      expect(Object.keys(transport.capabilities).sort()).toEqual([
        'binaryFrames',
        'duplex',
        'multiplexed',
        'resume',
        'tls',
      ]);
      expect(transport.capabilities.tls).toBe(transport.scheme === 'https:' || transport.scheme === 'wss:');
      expect(await transport.loadServer(), transport.name).toBeTypeOf('function');
      expect(await transport.loadClient(), transport.name).toBeTypeOf('function');
    }
  });

  it('measures the plain transports by default and maps each scheme to the first of its transports', () => {
    expect(defaultTransportNames()).toEqual(TRANSPORTS.filter((t) => !t.capabilities.tls).map((t) => t.name));
    for (const transport of TRANSPORTS) expect(transportForScheme(transport.scheme)?.scheme).toBe(transport.scheme);
  });
});

describe.each(TRANSPORTS.map((t) => [t.name, t] as const))('%s end to end', (name, transport) => {
  it('serves a bounded stream its client reads whole, in order, certificate checked', async () => {
    const server = await startServer({
      ...DEFAULT_SERVER_CONFIG,
      transport: name,
      port: 0,
      ...(transport.capabilities.tls ? { tls: runCertificate() } : {}),
    });
    try {
      expect(new URL(server.url).protocol).toBe(transport.scheme);
      const tls = transport.capabilities.tls ? { caFile: runCertificate().certFile } : undefined;
      const got = collect(name, `${server.url}?count=50&rate=0&size=32`, undefined, tls);
      await got.waitFor(Number.MAX_SAFE_INTEGER);
      expect(got.messages.map((m: DecodedEnvelope) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(got.messages.every((m) => m.checksumOk)).toBe(true);
      if (transport.capabilities.tls) expect(got.connection.bytes().appRead).toBeGreaterThan(0);
      got.connection.close();
    } finally {
      await server.close();
    }
  });
});

describe('a TLS transport without the certificate', () => {
  it.each(TRANSPORTS.filter((t) => t.capabilities.tls).map((t) => [t.name] as const))(
    '%s: the client refuses the server, naming --insecure',
    async (name) => {
      const server = await startServer({ ...DEFAULT_SERVER_CONFIG, transport: name, port: 0, tls: runCertificate() });
      try {
        const got = collect(name, `${server.url}?count=5&rate=0`);
        await expect(got.connection.opened).rejects.toMatchObject({
          category: 'tls',
          message: expect.stringMatching(/--insecure/),
        });
      } finally {
        await server.close();
      }
    },
  );
});

describe('the standalone HTTP/2 server', () => {
  const hasCurl = (() => {
    try {
      return execFileSync('curl', ['--version'], { encoding: 'utf8' }).includes('HTTP2');
    } catch {
      return false;
    }
  })();
  it.runIf(hasCurl)('streams to curl --http2 -k -N', async () => {
    const multiplexed = TRANSPORTS.find((t) => t.capabilities.multiplexed)!;
    const server = await startServer({ ...DEFAULT_SERVER_CONFIG, transport: multiplexed.name, port: 0 });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        import('node:child_process').then(({ execFile }) =>
          execFile(
            'curl',
            ['--http2', '-k', '-N', '-sS', '-i', `${server.url}?count=3&rate=100`],
            { encoding: 'utf8', timeout: 10_000 },
            (err, stdout) => (err ? reject(err) : resolve(stdout)),
          ),
        );
      });
      expect(out).toMatch(/^HTTP\/2 200/);
      expect(out.match(/^data: /gm)?.length).toBe(4); // three messages and the end event
    } finally {
      await server.close();
    }
  });
});

/** Source files of the project outside this folder (tests included: they are code people read too). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return ['node_modules', 'dist', 'transports', '.git', '__snapshots__'].includes(entry) ? [] : sourceFiles(full);
    return /\.(ts|js|py|java)$/.test(entry) ? [full] : [];
  });
}

describe('a transport is named only in its own folder', () => {
  it('no source file outside transports/ names a TLS or HTTP/2 transport', () => {
    const added = TRANSPORTS.filter((t) => !t.inDefaultSelection).map((t) => t.name);
    const offenders = ['cli', 'bench', 'servers', 'clients', 'reports']
      .flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)))
      .filter((file) =>
        added.some((name) => new RegExp(`['"\`]${name}['"\`]|\\b${name}\\b`).test(readFileSync(file, 'utf8'))),
      )
      .map((file) => path.relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });

  // Every folder outside transports/ asks for a role (SSE_FAMILY, WS_FAMILY, TCP_FAMILY and each family's
  // plain transport, from families.ts) or a transport's family and capabilities, never a name. A module
  // specifier is not a transport (`from 'ws'`, the package), and two files name other things that share
  // a transport's spelling: each is listed with what it names.
  const OTHER_MEANINGS: Record<string, string> = {
    [path.join('bench', 'env.ts')]: "the npm package 'ws', whose version the environment records",
    [path.join('bench', 'wire', 'tcp-segments.ts')]: "tshark's 'tcp' display filter",
  };
  const CLEANED = ['cli', 'bench', 'clients', 'servers', 'reports'];
  /** A file's text without its module specifiers: `import … from 'ws'` names a package, not a transport. */
  const withoutModuleNames = (text: string) => text.replace(/from '[^']*'|import\('[^']*'\)/g, '');
  it('no non-test source file of a cleaned folder names a family or a plain transport: it asks for a role', () => {
    const names = [...new Set(TRANSPORTS.flatMap((t) => [t.family, ...(t.inDefaultSelection ? [t.name] : [])]))];
    const quoted = new RegExp(`(['"])(${names.join('|')})\\1`);
    const offenders = CLEANED.map((entry) => path.join(REPO_ROOT, entry))
      .flatMap((entry) => (statSync(entry).isDirectory() ? sourceFiles(entry) : [entry]))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => OTHER_MEANINGS[path.relative(REPO_ROOT, file)] === undefined)
      .filter((file) => quoted.test(withoutModuleNames(readFileSync(file, 'utf8'))))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
