/**
 * The wire family's scenarios as data (claims WS-3, SSE-6, WS-4, SSE-7, WS-1, SSE-4). Every cell
 * is one bounded stream (or one bounded upstream run) on a fresh server, so its byte counts are
 * totals of a known number of messages. Cells of one scenario share their variant names across
 * sizes and kinds (`sse`, `ws`, …) and differ by the `size` and `kind` params, which is how the
 * report pairs SSE with WS under each condition.
 */
import type { PayloadKind } from '../../servers/envelope.js';
import type { ServerConfig } from '../../servers/server-config.js';
import { TRANSPORTS, type TransportName } from '../../transports/registry.js';
import type { Scenario, VariantSpec } from '../scenarios.js';
import type { WireCompression } from './stream-probe.js';
import type { UpstreamMethod } from './upstream-probe.js';
import { WIRE_SERVER_CONFIG } from './wire-server-config.js';
import { plainTransportOf, SSE_FAMILY, TCP_FAMILY, WS_FAMILY } from '../../transports/families.js';

export const WIRE_SCENARIO = 'wire';
export const WIRE_CI_SCENARIO = 'wire-ci';
export const COMPRESSION_SCENARIO = 'compression';
export const UPSTREAM_SCENARIO = 'upstream';

export const WIRE_SIZES_BYTES: readonly number[] = [16, 128, 1024, 16_384, 65_536];
export const WIRE_KINDS: readonly PayloadKind[] = ['text', 'json', 'binary'];
const COMPRESSION_SIZES_BYTES: readonly number[] = [128, 1024, 16_384];
/** Repetitive JSON compresses well; random bytes do not. */
const COMPRESSION_KINDS: readonly PayloadKind[] = ['json', 'binary'];
const UPSTREAM_SIZES_BYTES: readonly number[] = [16, 1024];

/** Messages per stream: 2,000, or 500 at 64 KiB, where 2,000 would hold 175 MB in the client. */
export function chooseMessageCount(payloadBytes: number): number {
  return payloadBytes > 16_384 ? 500 : 2000;
}

/**
 * A paced stream for the compression cells, since latency needs a schedule, not a closed loop: 2,000
 * messages/s (1,000 of them), or 500/s (500) at 16 KiB, where 2,000/s is 32 MB/s, more than one core
 * compresses, so the latency would measure a growing queue instead of what compressing adds.
 */
function chooseCompressionPace(payloadBytes: number): { ratePerSec: number; count: number } {
  return payloadBytes > 1024 ? { ratePerSec: 500, count: 500 } : { ratePerSec: 2000, count: 1000 };
}

/** Upstream: messages, how many are in flight at once, and the downstream kept busy meanwhile. */
export const UPSTREAM_MESSAGES = 2000;
export const UPSTREAM_IN_FLIGHT = 10;
const DOWNSTREAM = { ratePerSec: 1000, payloadBytes: 64, kind: 'text' as const };

function buildVariant(
  transport: TransportName,
  variant: string,
  server: Partial<ServerConfig>,
  params: VariantSpec['params'],
): VariantSpec {
  return { transport, variant, server: { ...WIRE_SERVER_CONFIG, ...server }, params };
}

/**
 * Every SSE- and WS-family transport (HTTP/1.1 in clear or inside TLS, HTTP/2): the wire parsers
 * place every byte of each; the default selection runs the plain ones.
 */
export const wireTransports = (): TransportName[] =>
  TRANSPORTS.filter((t) => t.family !== TCP_FAMILY).map((t) => t.name);

function buildWireVariants(
  sizes: readonly number[],
  kinds: readonly PayloadKind[],
  name: (transport: TransportName, size: number) => string,
): VariantSpec[] {
  return sizes.flatMap((size) =>
    kinds.flatMap((kind) =>
      wireTransports().map((transport) =>
        buildVariant(
          transport,
          name(transport, size),
          {},
          { size, kind, payloadBytes: size, count: chooseMessageCount(size) },
        ),
      ),
    ),
  );
}

/** The families' plain transports: the compression and upstream cells compare them. */
const SSE_PLAIN = plainTransportOf(SSE_FAMILY);
const WS_PLAIN = plainTransportOf(WS_FAMILY);

/** Plain SSE and WS as the reference, then each compressed, for every size and kind. */
function buildCompressionVariants(): VariantSpec[] {
  const ways: {
    transport: TransportName;
    variant: string;
    compression: WireCompression;
    server: Partial<ServerConfig>;
  }[] = [
    { transport: SSE_PLAIN, variant: SSE_PLAIN, compression: 'none', server: {} },
    { transport: SSE_PLAIN, variant: 'sse-gzip', compression: 'gzip', server: { sseContentEncoding: 'gzip' } },
    { transport: WS_PLAIN, variant: WS_PLAIN, compression: 'none', server: {} },
    { transport: WS_PLAIN, variant: 'ws-deflate', compression: 'deflate', server: { perMessageDeflate: true } },
  ];
  return COMPRESSION_SIZES_BYTES.flatMap((size) =>
    COMPRESSION_KINDS.flatMap((kind) =>
      ways.map((way) =>
        buildVariant(way.transport, way.variant, way.server, {
          size,
          kind,
          payloadBytes: size,
          ...chooseCompressionPace(size),
          compression: way.compression,
        }),
      ),
    ),
  );
}

function buildUpstreamVariants(): VariantSpec[] {
  const methods: { transport: TransportName; variant: UpstreamMethod }[] = [
    { transport: WS_PLAIN, variant: 'ws-frames' },
    { transport: SSE_PLAIN, variant: 'sse-post' },
  ];
  return UPSTREAM_SIZES_BYTES.flatMap((size) =>
    methods.map(({ transport, variant }) =>
      buildVariant(
        transport,
        variant,
        {},
        { size, payloadBytes: size, messages: UPSTREAM_MESSAGES, inFlight: UPSTREAM_IN_FLIGHT },
      ),
    ),
  );
}

const BOUNDED = { ratePerSec: 0, kind: 'text' as const };

/** Why the wire cells cannot measure a --target: they count both ends of every connection. */
const OWN_SERVERS_ONLY = "counts the bytes of both ends of every connection, the server's included";

export const WIRE_SCENARIOS: Scenario[] = [
  {
    name: WIRE_SCENARIO,
    family: 'wire',
    ownServersOnly: OWN_SERVERS_ONLY,
    description: `Bytes on the wire, counted at the client socket and parsed: one bounded stream per cell (2,000 messages; 500 at 64 KiB), as fast as backpressure allows, one HTTP chunk per SSE event, heartbeats off. Per message: total bytes, framing (SSE fields, ids, line endings, chunk framing; WS headers), envelope, payload (base64 in SSE for binary), client and server CPU. Sizes ${WIRE_SIZES_BYTES.join(', ')} B × text, JSON, binary.`,
    stream: BOUNDED,
    connections: 1,
    variants: buildWireVariants(WIRE_SIZES_BYTES, WIRE_KINDS, (transport) => transport),
    idParams: ['size', 'kind'],
    // Exact counts: the smallest payload (where overhead weighs most), 1 KiB, and the largest (where
    // base64's third shows), each in text and binary; JSON and the sizes between run in the full profile.
    inDefaultProfile: { points: { size: [16, 1024, 65_536], kind: ['text', 'binary'] } },
  },
  {
    name: WIRE_CI_SCENARIO,
    family: 'wire',
    ownServersOnly: OWN_SERVERS_ONLY,
    description:
      "The wire scenario's text cells at 16 B and 1 KiB, named apart so the CI compare can gate their exact byte counts (the CI profile runs the 16 B pair).",
    stream: BOUNDED,
    connections: 1,
    variants: buildWireVariants([16, 1024], ['text'], (transport, size) => `${transport}-${size}`),
    inCiProfile: true,
    // A repeat costs ~0.6 s (two processes); the CI's five repeats of the 16 B pair add ~6 s.
    ciVariants: ['sse-16', 'ws-16'],
  },
  {
    name: COMPRESSION_SCENARIO,
    family: 'wire',
    ownServersOnly: OWN_SERVERS_ONLY,
    description: `Compression: WS permessage-deflate (ws defaults: window kept across messages, level 6, every message compressed) against SSE with Content-Encoding: gzip and a sync flush per event, beside plain SSE and WS. Repetitive JSON and random binary at ${COMPRESSION_SIZES_BYTES.join(', ')} B, paced (2,000/s; 500/s at 16 KiB) so one-way latency shows what compressing costs.`,
    stream: { ratePerSec: chooseCompressionPace(0).ratePerSec, kind: 'json' },
    connections: 1,
    variants: buildCompressionVariants(),
    idParams: ['size', 'kind'],
  },
  {
    name: UPSTREAM_SCENARIO,
    family: 'wire',
    ownServersOnly: OWN_SERVERS_ONLY,
    description: `Client→server messages while the downstream streams (${DOWNSTREAM.ratePerSec}/s of ${DOWNSTREAM.payloadBytes} B): WS frames on the same socket, acknowledged by a frame, against an HTTP POST per message (autocannon, keep-alive, ${UPSTREAM_IN_FLIGHT} connections), acknowledged by 204. ${UPSTREAM_MESSAGES} messages, ${UPSTREAM_IN_FLIGHT} in flight either way. latency_* is the upstream round trip: send → acknowledgement.`,
    stream: DOWNSTREAM,
    connections: 1,
    variants: buildUpstreamVariants(),
    idParams: ['size'],
    inDefaultProfile: {},
  },
];
