/**
 * The `seed-stack` scenario as data: the article's own systems run for real (issue #12). Each row
 * is one cell: which part of the stack it runs and what it measures.
 */
import { plainTransportOf, SSE_FAMILY, WS_FAMILY } from '../../transports/families.js';
import type { TransportName } from '../../transports/registry.js';
import type { Scenario, VariantSpec } from '../scenarios.js';

export const SEED_FAMILY = 'seed-stack';
export const SEED_SCENARIO = 'seed-stack';

export type SeedCellKind = 'timeouts' | 'ahc' | 'python' | 'dev-proxy' | 'java-stream';

export type DevPath = 'direct' | 'vue-cli' | 'vue-cli-no-compress' | 'vite' | 'nginx-default' | 'nginx-tuned';

export interface SeedCell {
  variant: string;
  transport: TransportName;
  kind: SeedCellKind;
  /** ahc: which server and whether the fault proxy slices the stream to 1-byte pieces. */
  ahc?: { server: 'spring' | 'node'; sliced: boolean };
  python?: { reader: 'article' | 'spec' };
  /** dev-proxy: the path from the page to the Spring server; `browser` also runs the article's page in Chromium. */
  dev?: { path: DevPath; browser: boolean };
}

/** The seed's stack speaks the families' plain transports: SSE and WebSocket over HTTP/1.1 in clear. */
const SSE_PLAIN = plainTransportOf(SSE_FAMILY);
const WS_PLAIN = plainTransportOf(WS_FAMILY);

export const SEED_CELLS: readonly SeedCell[] = [
  { variant: 'spring-emitter-timeouts', transport: SSE_PLAIN, kind: 'timeouts' },
  { variant: 'ahc-spring', transport: SSE_PLAIN, kind: 'ahc', ahc: { server: 'spring', sliced: false } },
  { variant: 'ahc-node', transport: SSE_PLAIN, kind: 'ahc', ahc: { server: 'node', sliced: false } },
  { variant: 'ahc-spring-sliced', transport: SSE_PLAIN, kind: 'ahc', ahc: { server: 'spring', sliced: true } },
  { variant: 'python-article', transport: SSE_PLAIN, kind: 'python', python: { reader: 'article' } },
  { variant: 'python-spec', transport: SSE_PLAIN, kind: 'python', python: { reader: 'spec' } },
  { variant: 'dev-direct', transport: SSE_PLAIN, kind: 'dev-proxy', dev: { path: 'direct', browser: false } },
  { variant: 'dev-vue-cli', transport: SSE_PLAIN, kind: 'dev-proxy', dev: { path: 'vue-cli', browser: true } },
  {
    variant: 'dev-vue-cli-no-compress',
    transport: SSE_PLAIN,
    kind: 'dev-proxy',
    dev: { path: 'vue-cli-no-compress', browser: false },
  },
  { variant: 'dev-vite', transport: SSE_PLAIN, kind: 'dev-proxy', dev: { path: 'vite', browser: true } },
  {
    variant: 'dev-nginx-default',
    transport: SSE_PLAIN,
    kind: 'dev-proxy',
    dev: { path: 'nginx-default', browser: false },
  },
  { variant: 'dev-nginx-tuned', transport: SSE_PLAIN, kind: 'dev-proxy', dev: { path: 'nginx-tuned', browser: false } },
  { variant: 'java-sse', transport: SSE_PLAIN, kind: 'java-stream' },
  { variant: 'java-ws', transport: WS_PLAIN, kind: 'java-stream' },
];

export function findSeedCell(variant: string): SeedCell {
  const cell = SEED_CELLS.find((c) => c.variant === variant);
  if (cell === undefined) throw new Error(`no seed-stack cell ${JSON.stringify(variant)}`);
  return cell;
}

export const SEED_SCENARIO_SPEC: Scenario = {
  name: SEED_SCENARIO,
  family: SEED_FAMILY,
  description:
    "The article's own stack, run for real: Spring MVC 4.3 SseEmitter on embedded Tomcat 9 (SseEmitter(0L) and the default constructor against the container's async timeout), " +
    "Java async-http-client 2.12.3 with the article's AsyncHandler, Python requests with iter_lines(), the article's fetch-event-source page in Chromium behind the Vue CLI and Vite dev servers, and nginx in front; " +
    "Tomcat's JSR-356 WebSocket beside the SseEmitter at the steady rate.",
  stream: { ratePerSec: 1000, payloadBytes: 64, kind: 'text' },
  connections: 10,
  variants: SEED_CELLS.map((cell): VariantSpec => ({ transport: cell.transport, variant: cell.variant })),
};
