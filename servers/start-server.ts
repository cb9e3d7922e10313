/** Starts the server of the configured transport, as its transport declares it. */
import { transportNamed } from '../transports/registry.js';
import type { RunningServer } from './http-util.js';
import type { ServerConfig } from './server-config.js';
import { runCertificate } from './tls-files.js';

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const transport = transportNamed(config.transport);
  // A TLS transport started without a certificate (standalone, a test) makes the process's own.
  const tls = transport.capabilities.tls ? (config.tls ?? runCertificate()) : config.tls;
  const start = await transport.loadServer();
  return start({ ...config, ...(tls !== undefined ? { tls } : {}) });
}
