/**
 * Serves the browser probe page (clients/polyglot/browser) from its own origin on loopback, port 0:
 * the "one origin" of the cross-origin cells, distinct from the stream servers' origins by port.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

export const BROWSER_PAGE_DIR = path.join(REPO_ROOT, 'clients', 'polyglot', 'browser');

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'probe.html', type: 'text/html; charset=utf-8' },
  '/probe.html': { file: 'probe.html', type: 'text/html; charset=utf-8' },
  '/probes.js': { file: 'probes.js', type: 'text/javascript; charset=utf-8' },
};

/** The probe script's source, for pages the page server does not serve (the same-origin cell). */
export function readProbeScript(): string {
  return readFileSync(path.join(BROWSER_PAGE_DIR, 'probes.js'), 'utf8');
}

export interface PageServer {
  /** e.g. `http://127.0.0.1:41234`: the page's origin, and the URL of the probe page. */
  origin: string;
  close(): Promise<void>;
}

export async function startPageServer(host = '127.0.0.1'): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    const entry = PAGE_FILES[new URL(req.url ?? '/', 'http://page').pathname];
    if (entry === undefined || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    // Read per request: the page is tiny, and an edited probe needs no restart.
    res
      .writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' })
      .end(readFileSync(path.join(BROWSER_PAGE_DIR, entry.file)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
