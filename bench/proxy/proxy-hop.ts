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

export async function startProxyHop(name: ProxyHopName, upstream: Upstream): Promise<ProxyHop> {
  if (name === 'dev-proxy') {
    const proxy = await startBufferingDevProxy({ upstreamHost: upstream.host, upstreamPort: upstream.port });
    return {
      name,
      port: proxy.port,
      describe: () => ({ hop: name, model: 'buffering dev proxy (bench/proxy/buffering-dev-proxy.ts)', blockBytes: proxy.blockBytes, blocksReleased: proxy.blocksReleased() }),
      log: () => '',
      close: () => proxy.close(),
    };
  }
  const profile = NGINX_PROFILES[name === 'nginx-default' ? 'default' : 'tuned'];
  const host = upstream.host.includes(':') ? `[${upstream.host}]` : upstream.host;
  const nginx = await startNginx({ profile, upstream: `${host}:${upstream.port}` });
  return {
    name,
    port: nginx.port,
    describe: () => ({ hop: name, nginxVersion: nginx.version, profile: profile.name, description: profile.description, httpDirectives: profile.httpDirectives, locationDirectives: profile.locationDirectives }),
    log: () => nginx.errorLog(),
    close: () => nginx.stop(),
  };
}
