/**
 * The proxy a cell puts between its clients and its server: nginx with one of its configurations,
 * or the buffering dev-proxy model. One shape for all, so the cell runner does not care which.
 */
import { startBufferingDevProxy } from './buffering-dev-proxy.js';
import { NGINX_PROFILES } from './nginx-configs.js';
import { startNginx } from './nginx-process.js';

export type ProxyHopName = 'nginx-default' | 'nginx-tuned' | 'dev-proxy';

export interface ProxyHop {
  name: ProxyHopName;
  port: number;
  /** What ran, for the results document: nginx's version and directives, or the model's block size. */
  describe(): Record<string, unknown>;
  /** Diagnostics the proxy wrote (nginx's error log), for the run's warnings. */
  log(): string;
  /** With a TLS front: its access log (the protocol of each finished request); '' otherwise. */
  frontLog(): string;
  close(): Promise<void>;
}

export interface Upstream {
  host: string;
  port: number;
}

/** True for the hops that need the nginx program. */
export function needsNginx(name: ProxyHopName): boolean {
  return name !== 'dev-proxy';
}

/**
 * What the client side of the hop speaks: plain HTTP/1.1 (today's cells), or TLS with HTTP/2 offered
 * (nginx only; the upstream side stays plain HTTP/1.1 either way).
 */
export type ProxyFront = 'plain' | 'tls-h2';

export async function startProxyHop(
  name: ProxyHopName,
  upstream: Upstream,
  tlsFront?: { certFile: string; keyFile: string },
): Promise<ProxyHop> {
  if (name === 'dev-proxy') {
    const proxy = await startBufferingDevProxy({ upstreamHost: upstream.host, upstreamPort: upstream.port });
    return {
      name,
      port: proxy.port,
      describe: () => ({
        hop: name,
        model: 'buffering dev proxy (bench/proxy/buffering-dev-proxy.ts)',
        blockBytes: proxy.blockBytes,
        blocksReleased: proxy.blocksReleased(),
      }),
      log: () => '',
      frontLog: () => '',
      close: () => proxy.close(),
    };
  }
  const profile = NGINX_PROFILES[name === 'nginx-default' ? 'default' : 'tuned'];
  const host = upstream.host.includes(':') ? `[${upstream.host}]` : upstream.host;
  const nginx = await startNginx({ profile, upstream: `${host}:${upstream.port}`, ...(tlsFront ? { tlsFront } : {}) });
  const front: ProxyFront = tlsFront ? 'tls-h2' : 'plain';
  return {
    name,
    port: nginx.port,
    describe: () => ({
      hop: name,
      front,
      nginxVersion: nginx.version,
      profile: profile.name,
      description: profile.description,
      httpDirectives: profile.httpDirectives,
      locationDirectives: profile.locationDirectives,
      ...(tlsFront ? { frontDirectives: frontDirectivesOf(nginx.configText) } : {}),
    }),
    log: () => nginx.errorLog(),
    frontLog: () => nginx.frontLog(),
    close: () => nginx.stop(),
  };
}

/** The TLS front's own lines of a config (listen, http2, protocols), for the results document. */
function frontDirectivesOf(configText: string): string[] {
  return configText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(listen|http2|ssl_protocols)\b/.test(line));
}
